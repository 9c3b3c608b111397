/// A complete schedule: every job of an instance placed on a device with start and finish times.
public struct Schedule: Hashable, Sendable, Codable {
    /// One placement per job, indexed by job (`placements[i].job == i`).
    public var placements: [ScheduledJob]

    /// A schedule from placements in any order; they are stored indexed by job.
    public init(placements: [ScheduledJob]) {
        self.placements = placements.sorted { $0.job < $1.job }
    }

    /// The finish time of the last job (0 for no jobs).
    public var makespan: Double { placements.map(\.finish).max() ?? 0 }

    /// The device of each job, indexed by job.
    public var assignment: [Int] { placements.map(\.device) }

    /// The jobs of `device` in start order.
    public func jobs(on device: Int) -> [ScheduledJob] {
        placements.filter { $0.device == device }.sorted { ($0.start, $0.finish, $0.job) < ($1.start, $1.finish, $1.job) }
    }
}
