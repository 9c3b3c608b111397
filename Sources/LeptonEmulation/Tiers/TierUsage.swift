/// How a tier was used during a run.
public struct TierUsage: Sendable, Hashable, Codable {
    /// The tier.
    public let tier: String
    /// Jobs run.
    public let jobs: Int
    /// Busy slot-time: the sum of every job's duration.
    public let busy: SimDuration
    /// busy ÷ (slots · span of the run).
    public let utilisation: Double
    /// The most jobs that ran at once (never more than the slots).
    public let maxConcurrentJobs: Int
    /// The longest queue.
    public let maxQueueLength: Int
    /// Jobs still queued or running at the end (zero when the run drained).
    public let leftOver: Int
    /// Energy by ``PowerProfile``.
    public let energy: Energy
}
