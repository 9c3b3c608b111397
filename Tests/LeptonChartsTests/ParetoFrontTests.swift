import XCTest
@testable import LeptonCharts

final class ParetoFrontTests: XCTestCase {
    func testFrontAgainstBruteForceDominance() {
        var generator = SystemRandomNumberGenerator()
        _ = generator
        // A fixed pseudo-random cloud (linear congruential, seeded) checked against the definition.
        var state: UInt64 = 42
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let points = (0..<200).map { _ in (x: next() * 100, y: next()) }
        for goal in [ParetoFront.Goal.minimizeXMaximizeY, .minimizeXMinimizeY, .maximizeXMaximizeY, .maximizeXMinimizeY] {
            let front = Set(ParetoFront.indices(of: points, goal: goal))
            for (index, p) in points.enumerated() {
                let dominated = points.contains { q in
                    let xBetter = goal.xSign * q.x <= goal.xSign * p.x
                    let yBetter = goal.ySign * q.y <= goal.ySign * p.y
                    return xBetter && yBetter && (q.x != p.x || q.y != p.y)
                }
                XCTAssertEqual(front.contains(index), !dominated, "point \(index) for \(goal)")
            }
        }
    }

    func testOrderedByX() {
        let front = ParetoFront.indices(of: [(3, 3), (1, 1), (2, 2)], goal: .minimizeXMaximizeY)
        XCTAssertEqual(front, [1, 2, 0])
    }
}
