/// A time span in seconds (a latency, a round-trip time, a predicted or measured transfer time).
public struct Seconds: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The span in seconds.
    public var value: Double

    /// A span of `value` seconds.
    public init(_ value: Double) { self.value = value }

    /// `value` seconds.
    public static func seconds(_ value: Double) -> Seconds { Seconds(value) }
    /// `value` milliseconds.
    public static func milliseconds(_ value: Double) -> Seconds { Seconds(value / 1e3) }
    /// `value` microseconds.
    public static func microseconds(_ value: Double) -> Seconds { Seconds(value / 1e6) }
    /// No time.
    public static let zero = Seconds(0)

    /// The span in milliseconds.
    public var milliseconds: Double { value * 1e3 }

    /// Orders spans.
    public static func < (lhs: Seconds, rhs: Seconds) -> Bool { lhs.value < rhs.value }
    /// The sum of two spans.
    public static func + (lhs: Seconds, rhs: Seconds) -> Seconds { Seconds(lhs.value + rhs.value) }
    /// The difference of two spans.
    public static func - (lhs: Seconds, rhs: Seconds) -> Seconds { Seconds(lhs.value - rhs.value) }
    /// A span scaled by a factor.
    public static func * (lhs: Double, rhs: Seconds) -> Seconds { Seconds(lhs * rhs.value) }

    /// The span with a unit, e.g. "0.02 s".
    public var description: String { "\(value) s" }

    /// Decodes a plain JSON number (seconds).
    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Double.self)
    }

    /// Encodes as a plain JSON number (seconds).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension Seconds {
    /// The span of a Swift `Duration`.
    public init(_ duration: Duration) {
        let parts = duration.components
        self.init(Double(parts.seconds) + Double(parts.attoseconds) * 1e-18)
    }
}
