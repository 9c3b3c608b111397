/// An instant on the emulation's virtual clock: nanoseconds since the run started.
public struct SimTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Nanoseconds since the start of the run.
    public var nanoseconds: Int64

    /// The instant `nanoseconds` after the start.
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The start of the run.
    public static let zero = SimTime(nanoseconds: 0)

    /// The time since the start as a duration.
    public var sinceStart: SimDuration { SimDuration(nanoseconds: nanoseconds) }

    public static func < (a: SimTime, b: SimTime) -> Bool { a.nanoseconds < b.nanoseconds }
    /// The instant `d` later.
    public static func + (t: SimTime, d: SimDuration) -> SimTime { SimTime(nanoseconds: t.nanoseconds + d.nanoseconds) }
    /// The span from `b` to `a`.
    public static func - (a: SimTime, b: SimTime) -> SimDuration { SimDuration(nanoseconds: a.nanoseconds - b.nanoseconds) }

    /// "t=12.345 ms".
    public var description: String { "t=\(sinceStart)" }
}
