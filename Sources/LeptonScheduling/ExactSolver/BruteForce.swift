/// Exhaustive search over every assignment of independent jobs to devices — the reference the exact solver is tested against.
///
/// Cost: mᵑ assignments, each evaluated in O(n log n) (per-device Smith order, which is
/// optimal for a fixed assignment). Limited to `maximumAssignments` (default 2·10⁶).
public enum BruteForce {
    /// The optimum of `objective` over all mᵑ assignments.
    public static func solve(_ instance: SchedulingInstance, objective: Objective,
                             maximumAssignments: Double = 2e6) throws(SchedulingError) -> ExactSolution {
        guard instance.isIndependent else {
            throw .requiresIndependentJobs(solver: "brute force", edges: instance.edges.count)
        }
        let n = instance.jobs.count
        let m = instance.devices.count
        guard power(Double(m), Double(n)) <= maximumAssignments else {
            throw .tooLarge(method: "brute force", jobs: n, devices: m,
                            limit: "mⁿ ≤ \(Int(maximumAssignments)) assignments")
        }
        let clock = ContinuousClock()
        let started = clock.now
        var assignment = Array(repeating: 0, count: n)
        var best = Double.infinity
        var bestAssignment = assignment
        var count = 0
        while true {
            count += 1
            let value = evaluate(assignment, instance: instance, objective: objective)
            if value < best {
                best = value
                bestAssignment = assignment
            }
            var position = 0
            while position < n {
                assignment[position] += 1
                if assignment[position] < m { break }
                assignment[position] = 0
                position += 1
            }
            if position == n { break }
        }
        let schedule = MachineSequencing.schedule(assignment: bestAssignment, instance: instance, objective: objective)
        return ExactSolution(objective: objective, schedule: schedule, value: objective.value(of: schedule, in: instance),
                             provenOptimal: true, nodes: count, initialUpperBound: .infinity,
                             elapsed: Seconds(started.duration(to: clock.now)))
    }

    private static func evaluate(_ assignment: [Int], instance: SchedulingInstance, objective: Objective) -> Double {
        let schedule = MachineSequencing.schedule(assignment: assignment, instance: instance, objective: objective)
        return objective.value(of: schedule, in: instance)
    }
}

private func power(_ base: Double, _ exponent: Double) -> Double {
    var result = 1.0
    for _ in 0..<Int(exponent) { result *= base }
    return result
}
