/// Branch and bound for jobs on heterogeneous devices; proves optimality on small instances.
/// Instances with dependencies go to `solveDAG` (list-schedule branch and bound with
/// communication delays); independent jobs use the assignment search below.
///
/// Makespan (R||C_max): jobs are assigned one by one in decreasing order of their shortest
/// processing time; the initial upper bound is the best of the four heuristics. A node with
/// device loads ℓ_j and remaining jobs R is pruned when its lower bound reaches the incumbent:
///   LB = max( max_j ℓ_j,  max_{i∈R} min_j (ℓ_j + p_ij),  (Σ_j ℓ_j + Σ_{i∈R} min_j p_ij) / m ).
/// Devices with identical processing-time columns and equal loads are interchangeable, so only
/// the first of them is branched on.
///
/// Weighted completion time (R||Σw_iC_i) and mean latency (Σ C_i / n): each device runs its
/// jobs in Smith order, so a node's cost is Σ_j Σ_{i on j} w_i·C_i for the jobs placed so far.
/// Adding job i to device j costs Δ_ij = w_i·(P_before + p_ij) + p_ij·W_after (jobs before /
/// after it in Smith order); Δ_ij only grows as more jobs join, so
///   LB = cost + Σ_{i∈R} min_j Δ_ij
/// is valid. Cost grows with each assignment, not with the search order.
///
/// Zero-work jobs (a source or sink that workflow tools add) are taken out before the search
/// and put back after it (`ExactSolver+ZeroWork.swift`), so they cannot multiply the search.
///
/// Every solve is bounded: after `nodeLimit` nodes or `timeLimit` seconds it stops and
/// returns the best schedule found with the root lower bound and the gap (`provenOptimal == false`).
public struct ExactSolver: Sendable {
    /// The search stops (and reports `provenOptimal == false`) after this many nodes.
    public var nodeLimit: Int
    /// The search stops (and reports `provenOptimal == false`) after this much wall-clock time; nil for no time limit.
    public var timeLimit: Seconds?

    /// A solver that gives up after `nodeLimit` nodes or `timeLimit` seconds, whichever comes first.
    public init(nodeLimit: Int = 50_000_000, timeLimit: Seconds? = nil) {
        self.nodeLimit = nodeLimit
        self.timeLimit = timeLimit
    }

    /// The optimal schedule of `instance` for `objective` (or the best found within the limits,
    /// with a lower bound).
    public func solve(_ instance: SchedulingInstance, objective: Objective) throws(SchedulingError) -> ExactSolution {
        let clock = ContinuousClock()
        let started = clock.now
        let deadline = timeLimit.map { started.advanced(by: .nanoseconds(Int64(max(0, $0.value) * 1e9))) }
        guard let reduction = try ZeroWorkReduction(instance, objective: objective), reduction.removesAny else {
            return try solveDirectly(instance, objective: objective, deadline: deadline)
        }
        let inner = try solveDirectly(reduction.reduced, objective: objective, deadline: deadline)
        let schedule = reduction.restore(inner.schedule)
        // Restored zero-work jobs change neither the makespan nor Σ w·C; mean latency divides by more jobs.
        let scale = objective == .meanLatency ? Double(reduction.reduced.jobs.count) / Double(instance.jobs.count) : 1
        return ExactSolution(objective: objective, schedule: schedule, value: objective.value(of: schedule, in: instance),
                             provenOptimal: inner.provenOptimal, nodes: inner.nodes,
                             initialUpperBound: inner.initialUpperBound * scale,
                             elapsed: Seconds(started.duration(to: clock.now)), lowerBound: inner.lowerBound * scale)
    }

    private func solveDirectly(_ instance: SchedulingInstance, objective: Objective,
                               deadline: ContinuousClock.Instant?) throws(SchedulingError) -> ExactSolution {
        guard instance.isIndependent else { return solveDAG(instance, objective: objective, deadline: deadline) }
        let clock = ContinuousClock()
        let started = clock.now
        let heuristics = Heuristic.allCases.map { $0.schedule(instance) }
        // Re-sequence each heuristic's assignment optimally, so the incumbent is as good as it can be.
        let candidates = heuristics.map { MachineSequencing.schedule(assignment: $0.assignment, instance: instance, objective: objective) }
        let values = candidates.map { objective.value(of: $0, in: instance) }
        var bestIndex = 0
        for index in values.indices where values[index] < values[bestIndex] { bestIndex = index }
        let problem = Problem(instance)
        var search: Search
        let rootBound: Double
        switch objective {
        case .makespan:
            search = Search(problem: problem, nodeLimit: nodeLimit, deadline: deadline, incumbent: values[bestIndex],
                            assignment: candidates[bestIndex].assignment, weights: nil)
            rootBound = max(problem.minP.max() ?? 0, problem.suffixMinSum[0] / Double(max(problem.m, 1)))
            search.makespanBranch(depth: 0)
        case .weightedCompletionTime, .meanLatency:
            let weights = MachineSequencing.weights(for: objective, in: instance)
            let scale = objective == .meanLatency ? Double(instance.jobs.count) : 1
            search = Search(problem: problem, nodeLimit: nodeLimit, deadline: deadline, incumbent: values[bestIndex] * scale,
                            assignment: candidates[bestIndex].assignment, weights: weights)
            // Each job alone on its best device: Σ w_i · min_j p_ij.
            rootBound = zip(problem.order, problem.minP).reduce(0.0) { $0 + weights[$1.0] * $1.1 } / scale
            search.sumBranch(depth: 0, cost: 0)
        }
        let schedule = MachineSequencing.schedule(assignment: search.bestAssignment, instance: instance, objective: objective)
        return ExactSolution(objective: objective, schedule: schedule, value: objective.value(of: schedule, in: instance),
                             provenOptimal: !search.aborted, nodes: search.nodes, initialUpperBound: values[bestIndex],
                             elapsed: Seconds(started.duration(to: clock.now)), lowerBound: rootBound)
    }
}
