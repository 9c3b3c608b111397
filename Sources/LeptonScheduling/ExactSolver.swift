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
public struct ExactSolver: Sendable {
    /// The search stops (and reports `provenOptimal == false`) after this many nodes.
    public var nodeLimit: Int

    /// A solver that gives up after `nodeLimit` nodes.
    public init(nodeLimit: Int = 50_000_000) { self.nodeLimit = nodeLimit }

    /// The optimal schedule of `instance` for `objective` (or the best found within the node limit).
    public func solve(_ instance: SchedulingInstance, objective: Objective) throws(SchedulingError) -> ExactSolution {
        guard instance.isIndependent else { return solveDAG(instance, objective: objective) }
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
        switch objective {
        case .makespan:
            search = Search(problem: problem, nodeLimit: nodeLimit, incumbent: values[bestIndex],
                            assignment: candidates[bestIndex].assignment, weights: nil)
            search.makespanBranch(depth: 0)
        case .weightedCompletionTime, .meanLatency:
            let weights = MachineSequencing.weights(for: objective, in: instance)
            let scale = objective == .meanLatency ? Double(instance.jobs.count) : 1
            search = Search(problem: problem, nodeLimit: nodeLimit, incumbent: values[bestIndex] * scale,
                            assignment: candidates[bestIndex].assignment, weights: weights)
            search.sumBranch(depth: 0, cost: 0)
        }
        let schedule = MachineSequencing.schedule(assignment: search.bestAssignment, instance: instance, objective: objective)
        return ExactSolution(objective: objective, schedule: schedule, value: objective.value(of: schedule, in: instance),
                             provenOptimal: !search.aborted, nodes: search.nodes, initialUpperBound: values[bestIndex],
                             elapsed: Seconds(started.duration(to: clock.now)))
    }
}
