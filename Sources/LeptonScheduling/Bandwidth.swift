/// A data rate in bits per second (line rate of a link, a shaper's rate, a measured throughput).
public struct Bandwidth: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The rate in bits per second.
    public var bitsPerSecond: Double

    /// A rate of `bitsPerSecond` bits per second.
    public init(bitsPerSecond: Double) { self.bitsPerSecond = bitsPerSecond }

    /// `value` bits per second.
    public static func bitsPerSecond(_ value: Double) -> Bandwidth { Bandwidth(bitsPerSecond: value) }
    /// `value` megabits (10⁶ bits) per second.
    public static func megabitsPerSecond(_ value: Double) -> Bandwidth { Bandwidth(bitsPerSecond: value * 1e6) }
    /// `value` gigabits (10⁹ bits) per second.
    public static func gigabitsPerSecond(_ value: Double) -> Bandwidth { Bandwidth(bitsPerSecond: value * 1e9) }
    /// `value` bytes per second.
    public static func bytesPerSecond(_ value: Double) -> Bandwidth { Bandwidth(bitsPerSecond: value * 8) }

    /// The time to serialise `size` at this rate: size·8 / rate.
    public func transmissionTime(_ size: ByteCount) -> Seconds { Seconds(size.bits / bitsPerSecond) }

    /// Orders rates.
    public static func < (lhs: Bandwidth, rhs: Bandwidth) -> Bool { lhs.bitsPerSecond < rhs.bitsPerSecond }

    /// The rate in Mbit/s, e.g. "10 Mbit/s".
    public var description: String { "\(bitsPerSecond / 1e6) Mbit/s" }

    /// Decodes a plain JSON number (bits per second).
    public init(from decoder: any Decoder) throws {
        bitsPerSecond = try decoder.singleValueContainer().decode(Double.self)
    }

    /// Encodes as a plain JSON number (bits per second).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(bitsPerSecond)
    }
}
