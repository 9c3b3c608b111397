/// One executed event of an ``EventEngine`` run, kept for invariant checks and traces.
public struct EventRecord: Sendable, Hashable, Codable {
    /// The insertion sequence number (unique, increasing in scheduling order).
    public let sequence: UInt64
    /// When it ran.
    public let time: SimTime
    /// What it was ("arrive r3", "edge done r3", …).
    public let label: String
    /// The event whose handler scheduled it (nil for events scheduled from outside).
    public let cause: UInt64?
    /// When the cause ran.
    public let causeTime: SimTime?
}
