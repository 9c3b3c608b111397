import XCTest
@testable import LeptonScheduling

/// A reference that shares nothing with the solver's search: every precedence-feasible job
/// order × every device assignment, each job appended at its earliest start (device free,
/// data ready). By the list-schedule argument in `ExactSolver.solveDAG`, the best of these is
/// the optimum; no bound and no start-order rule is used.
enum DAGBruteForce {
    /// The optimal makespan; when `limit` is given, only values below it are searched for
    /// (orders are abandoned once a partial makespan reaches the best so far).
    static func optimum(_ instance: SchedulingInstance, limit: Double = .infinity, objective: Objective = .makespan) -> Double {
        let n = instance.jobs.count, m = instance.devices.count
        var best = limit
        var device = [Int](repeating: -1, count: n), finish = [Double](repeating: 0, count: n)
        var free = [Double](repeating: 0, count: m)
        var missing = instance.predecessors.map(\.count)
        func visit(_ depth: Int, _ value: Double) {
            if value >= best { return }
            if depth == n { best = value; return }
            for i in 0..<n where device[i] < 0 && missing[i] == 0 {
                for j in 0..<m where instance.processingTime(job: i, device: j).isFinite {
                    var s = free[j]
                    for k in instance.predecessors[i] {
                        s = max(s, finish[k] + instance.communicationTime(instance.data(from: k, to: i), from: device[k], to: j))
                    }
                    let f = s + instance.processingTime(job: i, device: j)
                    let saved = free[j]
                    device[i] = j; finish[i] = f; free[j] = f
                    for c in instance.successors[i] { missing[c] -= 1 }
                    let next: Double
                    switch objective {
                    case .makespan: next = max(value, f)
                    case .weightedCompletionTime: next = value + instance.jobs[i].weight * f
                    case .meanLatency: next = value + f
                    }
                    visit(depth + 1, next)
                    for c in instance.successors[i] { missing[c] += 1 }
                    device[i] = -1; free[j] = saved
                }
            }
        }
        visit(0, 0)
        return objective == .meanLatency ? best / Double(n) : best
    }
}

final class ExactSolverDAGTests: XCTestCase {
    func testOptimumEqualsBruteForceOnRandomDAGs() throws {
        for seed in UInt64(1)...40 {
            var generator = InstanceGenerator(seed: seed)
            let instance = try generator.dag(jobs: 6, devices: 3, edgeProbability: 0.3)
            for objective in Objective.allCases {
                let solution = try ExactSolver().solve(instance, objective: objective)
                XCTAssertTrue(solution.provenOptimal)
                XCTAssertEqual(solution.schedule.violations(in: instance), [], "seed \(seed)")
                let reference = DAGBruteForce.optimum(instance, objective: objective)
                XCTAssertEqual(solution.value, reference, accuracy: 1e-9 * max(1, reference), "seed \(seed) \(objective)")
            }
        }
    }

    /// On independent jobs the DAG search agrees with the assignment search.
    func testAgreesWithTheIndependentSolverWithoutEdges() throws {
        for seed in UInt64(1)...15 {
            var generator = InstanceGenerator(seed: seed)
            let instance = try generator.edgeCloud(jobs: 6, devices: 3)
            for objective in Objective.allCases {
                let independent = try ExactSolver().solve(instance, objective: objective)
                let dag = ExactSolver().solveDAG(instance, objective: objective)
                XCTAssertTrue(dag.provenOptimal)
                XCTAssertEqual(dag.value, independent.value, accuracy: 1e-9 * max(1, independent.value), "seed \(seed) \(objective)")
            }
        }
    }

    func testNeverWorseThanAnyHeuristicAndNodeLimitIsReported() throws {
        var generator = InstanceGenerator(seed: 77)
        let instance = try generator.dag(jobs: 10, devices: 3, edgeProbability: 0.3)
        let solution = try ExactSolver().solve(instance, objective: .makespan)
        for heuristic in Heuristic.allCases {
            XCTAssertLessThanOrEqual(solution.value, heuristic.schedule(instance).makespan + 1e-12, "\(heuristic)")
        }
        let stopped = try ExactSolver(nodeLimit: 3).solve(instance, objective: .makespan)
        XCTAssertEqual(stopped.provenOptimal, stopped.nodes <= 3)
        XCTAssertEqual(stopped.schedule.violations(in: instance), [])
    }
}
