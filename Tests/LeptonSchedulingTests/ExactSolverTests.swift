import XCTest
import LeptonCore
@testable import LeptonScheduling

final class ExactSolverTests: XCTestCase {
    func testMakespanOptimumEqualsBruteForceOn240RandomInstances() throws {
        var checked = 0
        for seed in UInt64(0)..<240 {
            var generator = InstanceGenerator(seed: seed)
            let jobs = 3 + Int(seed % 5)          // 3…7 jobs
            let devices = 2 + Int(seed % 3)       // 2…4 devices
            let instance = seed % 2 == 0
                ? try generator.unrelated(jobs: jobs, devices: devices)
                : try generator.edgeCloud(jobs: jobs, devices: devices)
            let exact = try ExactSolver().solve(instance, objective: .makespan)
            let brute = try BruteForce.solve(instance, objective: .makespan)
            XCTAssertTrue(exact.provenOptimal)
            XCTAssertEqual(exact.value, brute.value, accuracy: 1e-9 * max(1, brute.value), "seed \(seed)")
            XCTAssertEqual(exact.schedule.violations(in: instance), [])
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 200)
    }

    func testWeightedCompletionOptimumEqualsBruteForceOn200RandomInstances() throws {
        for seed in UInt64(1000)..<1200 {
            var generator = InstanceGenerator(seed: seed)
            let jobs = 3 + Int(seed % 4)          // 3…6 jobs
            let devices = 2 + Int(seed % 2)       // 2…3 devices
            let instance = seed % 2 == 0
                ? try generator.unrelated(jobs: jobs, devices: devices)
                : try generator.edgeCloud(jobs: jobs, devices: devices)
            for objective in [Objective.weightedCompletionTime, .meanLatency] {
                let exact = try ExactSolver().solve(instance, objective: objective)
                let brute = try BruteForce.solve(instance, objective: objective)
                XCTAssertTrue(exact.provenOptimal)
                XCTAssertEqual(exact.value, brute.value, accuracy: 1e-9 * max(1, brute.value), "seed \(seed) \(objective)")
            }
        }
    }

    func testOptimumIsNeverWorseThanAnyHeuristic() throws {
        for seed in UInt64(50)..<80 {
            var generator = InstanceGenerator(seed: seed)
            let instance = try generator.edgeCloud(jobs: 9, devices: 3)
            let exact = try ExactSolver().solve(instance, objective: .makespan)
            for heuristic in Heuristic.allCases {
                XCTAssertLessThanOrEqual(exact.value, heuristic.schedule(instance).makespan + 1e-9)
            }
            XCTAssertLessThanOrEqual(exact.value, exact.initialUpperBound + 1e-9)
        }
    }

    func testNodeLimitReportsAnUnprovenResult() throws {
        var generator = InstanceGenerator(seed: 9)
        let instance = try generator.unrelated(jobs: 12, devices: 4)
        let solution = try ExactSolver(nodeLimit: 5).solve(instance, objective: .makespan)
        XCTAssertFalse(solution.provenOptimal)
        XCTAssertEqual(solution.schedule.violations(in: instance), [])
    }

    /// The HEFT paper's graph: HEFT gives 80; the proven optimum is no worse than any
    /// heuristic, feasible, and an independent exhaustive search finds nothing shorter.
    func testSolvesTheHEFTPaperDAGToAProvenOptimum() throws {
        let instance = try TestInstances.heftPaper()
        XCTAssertEqual(Heuristic.heft.schedule(instance).makespan, 80, accuracy: 1e-9)
        let solution = try ExactSolver().solve(instance, objective: .makespan)
        XCTAssertTrue(solution.provenOptimal)
        XCTAssertEqual(solution.schedule.violations(in: instance), [])
        XCTAssertEqual(solution.initialUpperBound, Heuristic.allCases.map { $0.schedule(instance).makespan }.min() ?? 0)
        XCTAssertLessThanOrEqual(solution.value, solution.initialUpperBound)
        XCTAssertEqual(DAGBruteForce.optimum(instance, limit: solution.value + 1e-6), solution.value, accuracy: 1e-9)
    }

    /// Acceptance benchmark: 12 jobs on 4 devices proven optimal in under a second each.
    /// Skipped in debug builds; run `swift test -c release -Xswiftc -enable-testing --filter ExactSolverTests`.
    func testBenchmarkTwelveJobsOnFourDevicesUnderOneSecond() throws {
        #if DEBUG
        throw XCTSkip("timing benchmark: run in a release build (swift test -c release -Xswiftc -enable-testing --filter testBenchmark)")
        #else
        for family in InstanceFamily.allCases {
            let timings = try ExactSolver().benchmark(family: family, jobs: 12, devices: 4, instances: 20, seed: 2002)
            for timing in timings {
                XCTAssertTrue(timing.proven, "\(family) seed \(timing.seed)")
                XCTAssertLessThan(timing.elapsed.value, 1, "\(family) seed \(timing.seed): \(timing.elapsed)")
            }
            let worst = timings.map(\.elapsed.value).max() ?? 0
            let median = Statistics.median(timings.map(\.elapsed.value))
            let nodes = timings.map(\.nodes).max() ?? 0
            // Test output, not library output: the figure for the report.
            print("ExactSolver benchmark \(family) 12×4: median \(median * 1e3) ms, worst \(worst * 1e3) ms, max nodes \(nodes)")
        }
        #endif
    }
}
