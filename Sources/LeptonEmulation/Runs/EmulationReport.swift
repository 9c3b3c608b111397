/// Everything one emulation run produced. ``clock`` says which clock made the latencies.
public struct EmulationReport: Sendable, Hashable, Codable {
    /// The clock that produced every duration in the report.
    public let clock: Clock
    /// The policy used.
    public let policy: SplitPolicy
    /// The transfer encoding used.
    public let encoding: TransferEncoding
    /// Every request, in arrival order.
    public let requests: [RequestRecord]
    /// Per tier, in topology order.
    public let tiers: [TierUsage]
    /// Per link direction.
    public let links: [LinkUsage]
    /// Every executed event (for causality checks and traces).
    public let events: [EventRecord]
    /// From time zero to the last event.
    public let span: SimDuration

    /// Requests that completed.
    public var completed: [RequestRecord] { requests.filter { $0.completion != nil } }
    /// How many requests were dropped.
    public var droppedCount: Int { requests.filter { $0.dropReason != nil }.count }
    /// Percentiles of the completed requests' latencies.
    public var latency: LatencySummary { LatencySummary(completed.compactMap(\.latency)) }
    /// Completed requests per second, between the first arrival and the last completion.
    public var throughput: Double {
        let done = completed
        guard let first = requests.map(\.arrival).min(), let last = done.compactMap(\.completion).max(), last > first else { return 0 }
        return Double(done.count) / (last - first).seconds
    }
    /// The fraction of completed labelled requests predicted correctly (nil without labels).
    public var accuracy: Double? {
        let marks = completed.compactMap(\.isCorrect)
        return marks.isEmpty ? nil : Double(marks.filter { $0 }.count) / Double(marks.count)
    }
    /// Total energy of tiers and links.
    public var energy: Energy { (tiers.map(\.energy) + links.map(\.energy)).reduce(.zero, +) }
    /// How often each cut was used.
    public var splitCounts: [Int: Int] { Dictionary(completed.map { ($0.split, 1) }, uniquingKeysWith: +) }
    /// The clock, in words, for report captions.
    public var clockDescription: String { clock.description }
}
