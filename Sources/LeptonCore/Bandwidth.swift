import Foundation

/// A data rate in bits per second (a link's line rate, a shaper's rate, a measured throughput).
/// One type for the whole of Lepton; decimal constructors use powers of 1000 (network convention).
///
/// Encodes as a plain JSON number of bits per second, the form scheduling instance files use
/// for `bandwidth`.
public struct Bandwidth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The rate in bits per second.
    public var bitsPerSecond: Double

    /// A rate of `bitsPerSecond` bits per second.
    public init(bitsPerSecond: Double) { self.bitsPerSecond = bitsPerSecond }

    /// `value` bits per second.
    public static func bitsPerSecond(_ value: Double) -> Bandwidth { Bandwidth(bitsPerSecond: value) }
    /// `value` kilobits (10³ bits) per second.
    public static func kilobitsPerSecond(_ value: Double) -> Bandwidth { Bandwidth(bitsPerSecond: value * 1e3) }
    /// `value` megabits (10⁶ bits) per second.
    public static func megabitsPerSecond(_ value: Double) -> Bandwidth { Bandwidth(bitsPerSecond: value * 1e6) }
    /// `value` gigabits (10⁹ bits) per second.
    public static func gigabitsPerSecond(_ value: Double) -> Bandwidth { Bandwidth(bitsPerSecond: value * 1e9) }
    /// `value` bytes per second (8 bits each).
    public static func bytesPerSecond(_ value: Double) -> Bandwidth { Bandwidth(bitsPerSecond: value * 8) }

    /// The rate in Mbit/s (10⁶ bits per second).
    public var megabitsPerSecond: Double { bitsPerSecond / 1e6 }

    /// The time in seconds to put `size` on the wire at this rate: 8 · bytes / bitsPerSecond,
    /// unrounded. Each module wraps it in its own time type (`transmissionTime` in
    /// LeptonEmulation, whole nanoseconds; `Link.transferTime` in LeptonScheduling).
    public func secondsToSend(_ size: ByteCount) -> Double { Double(size.bits) / bitsPerSecond }

    /// Orders rates, slowest first.
    public static func < (lhs: Bandwidth, rhs: Bandwidth) -> Bool { lhs.bitsPerSecond < rhs.bitsPerSecond }

    /// The rate in Mbit/s, e.g. "10 Mbit/s".
    public var description: String { String(format: "%g Mbit/s", megabitsPerSecond) }

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
