/// What a schedule is judged by.
public enum Objective: String, Hashable, Sendable, Codable, CaseIterable {
    /// The finish time of the last job: C_max = max_i C_i.
    case makespan
    /// The weighted sum of completion times: Σ_i w_i·C_i.
    case weightedCompletionTime
    /// The mean latency of jobs released at time 0: (1/n)·Σ_i C_i.
    case meanLatency

    /// The objective's value for `schedule` (weights come from `instance`).
    public func value(of schedule: Schedule, in instance: SchedulingInstance) -> Double {
        switch self {
        case .makespan:
            return schedule.makespan
        case .weightedCompletionTime:
            return schedule.placements.reduce(0) { $0 + instance.jobs[$1.job].weight * $1.finish }
        case .meanLatency:
            guard !schedule.placements.isEmpty else { return 0 }
            return schedule.placements.reduce(0) { $0 + $1.finish } / Double(schedule.placements.count)
        }
    }
}
