import XCTest
@testable import LeptonScheduling

final class BruteForceTests: XCTestCase {
    func testFindsTheHandComputedOptimum() throws {
        // Jobs 3, 3, 2, 2 on two identical devices: the best split is {3, 2} / {3, 2} ⇒ makespan 5.
        let instance = try SchedulingInstance(
            devices: [Device(name: "a", speed: 1), Device(name: "b", speed: 1)],
            jobs: [3.0, 3, 2, 2].enumerated().map { Job(name: "j\($0.offset)", work: $0.element) })
        let solution = try BruteForce.solve(instance, objective: .makespan)
        XCTAssertEqual(solution.value, 5)
        XCTAssertEqual(solution.nodes, 16)
    }

    func testRefusesLargeInstances() throws {
        var generator = InstanceGenerator(seed: 1)
        let instance = try generator.unrelated(jobs: 14, devices: 4)
        XCTAssertThrowsError(try BruteForce.solve(instance, objective: .makespan)) { error in
            guard case .tooLarge(let method, 14, 4, _)? = error as? SchedulingError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertEqual(method, "brute force")
        }
    }
}
