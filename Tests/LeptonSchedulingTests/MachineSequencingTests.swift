import LeptonCore
import XCTest
@testable import LeptonScheduling

final class MachineSequencingTests: XCTestCase {
    /// Smith's rule against every permutation on one machine.
    func testSmithOrderMinimisesWeightedCompletionOnOneMachine() {
        var rng = SeededGenerator(seed: 77, stream: "smith-order")
        for _ in 0..<50 {
            let n = 5
            let p = (0..<n).map { _ in Double(1 + rng.index(below: 9)) }
            let w = (0..<n).map { _ in Double(1 + rng.index(below: 5)) }
            func cost(_ order: [Int]) -> Double {
                var clock = 0.0
                var total = 0.0
                for job in order {
                    clock += p[job]
                    total += w[job] * clock
                }
                return total
            }
            var best = Double.infinity
            func permute(_ prefix: [Int], _ rest: [Int]) {
                if rest.isEmpty { best = min(best, cost(prefix)); return }
                for (index, job) in rest.enumerated() {
                    var remaining = rest
                    remaining.remove(at: index)
                    permute(prefix + [job], remaining)
                }
            }
            permute([], Array(0..<n))
            let smith = MachineSequencing.smithOrder(Array(0..<n), processing: { p[$0] }, weight: { w[$0] })
            XCTAssertEqual(cost(smith), best)
        }
    }
}
