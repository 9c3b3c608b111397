import LeptonCore
import XCTest
@testable import LeptonScheduling

final class ExactSolverZeroWorkTests: XCTestCase {
    /// Ten independent jobs on three devices, optionally wrapped in a zero-work source and
    /// sink joined by zero-data edges (the shape SAGA and many workflow tools add).
    private func instance(seed: UInt64, wrapped: Bool) throws -> SchedulingInstance {
        var generator = InstanceGenerator(seed: seed)
        let core = try generator.unrelated(jobs: 10, devices: 3)
        guard wrapped, let times = core.executionTimes else { return core }
        let jobs = [Job(name: "source", work: 0)] + core.jobs + [Job(name: "sink", work: 0)]
        let edges = (1...10).flatMap { [DataEdge(from: 0, to: $0, data: .zero), DataEdge(from: $0, to: 11, data: .zero)] }
        let zero = [Double](repeating: 0, count: 3)
        return try SchedulingInstance(name: "wrapped", devices: core.devices, jobs: jobs, edges: edges,
                                      executionTimes: [zero] + times + [zero])
    }

    func testAZeroWorkSourceAndSinkAroundTenJobsAreProvenOptimal() throws {
        for seed in [1, 2, 3] as [UInt64] {
            let plain = try ExactSolver().solve(try instance(seed: seed, wrapped: false), objective: .makespan)
            let wrappedInstance = try instance(seed: seed, wrapped: true)
            let wrapped = try ExactSolver(nodeLimit: 2_000_000).solve(wrappedInstance, objective: .makespan)
            XCTAssertTrue(plain.provenOptimal)
            XCTAssertTrue(wrapped.provenOptimal, "seed \(seed): \(wrapped.nodes) nodes")
            XCTAssertEqual(wrapped.value, plain.value, accuracy: 1e-9, "seed \(seed)")
            XCTAssertEqual(wrapped.schedule.violations(in: wrappedInstance), [])
            XCTAssertEqual(wrapped.status, "proven")
            XCTAssertEqual(wrapped.gap, 0)
        }
    }

    func testAZeroWorkSourceKeepsTheWeightedOptimum() throws {
        let wrappedInstance = try instance(seed: 4, wrapped: true)
        let plain = try ExactSolver().solve(try instance(seed: 4, wrapped: false), objective: .weightedCompletionTime)
        let wrapped = try ExactSolver(nodeLimit: 300_000).solve(wrappedInstance, objective: .weightedCompletionTime)
        XCTAssertEqual(wrapped.schedule.violations(in: wrappedInstance), [])
        // The sink stays (its finish counts in Σ w·C), so the optimum is the plain one plus the sink's finish.
        XCTAssertGreaterThanOrEqual(wrapped.value, plain.value - 1e-9)
        XCTAssertLessThanOrEqual(wrapped.lowerBound, wrapped.value)
    }

    func testANodeLimitReturnsAScheduleABoundAndNotProven() throws {
        var generator = InstanceGenerator(seed: 77)
        let dag = try generator.dag(jobs: 10, devices: 3, edgeProbability: 0.3)
        let stopped = try ExactSolver(nodeLimit: 10).solve(dag, objective: .makespan)
        XCTAssertFalse(stopped.provenOptimal)
        XCTAssertEqual(stopped.status, "bound")
        XCTAssertEqual(stopped.schedule.violations(in: dag), [])
        XCTAssertGreaterThan(stopped.lowerBound, 0)
        XCTAssertLessThanOrEqual(stopped.lowerBound, stopped.value)
        XCTAssertEqual(stopped.gap, (stopped.value - stopped.lowerBound) / stopped.value, accuracy: 1e-12)
        let proven = try ExactSolver().solve(dag, objective: .makespan)
        XCTAssertTrue(proven.provenOptimal)
        XCTAssertLessThanOrEqual(stopped.lowerBound, proven.value + 1e-9, "the bound is below the proven optimum")
        XCTAssertGreaterThanOrEqual(stopped.value, proven.value - 1e-9)
    }

    func testATimeLimitStopsTheSearch() throws {
        var generator = InstanceGenerator(seed: 5)
        let large = try generator.unrelated(jobs: 40, devices: 6)
        let stopped = try ExactSolver(timeLimit: Seconds(0.05)).solve(large, objective: .weightedCompletionTime)
        XCTAssertFalse(stopped.provenOptimal)
        XCTAssertLessThanOrEqual(stopped.lowerBound, stopped.value)
        XCTAssertEqual(stopped.schedule.violations(in: large), [])
    }
}
