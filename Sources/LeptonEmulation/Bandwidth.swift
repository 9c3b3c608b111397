import Foundation

/// A data rate in bits per second.
public struct Bandwidth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The rate.
    public var bitsPerSecond: Double

    /// A rate of `bitsPerSecond`.
    public init(bitsPerSecond: Double) { self.bitsPerSecond = bitsPerSecond }

    /// `x` × 1000 bit/s.
    public static func kilobitsPerSecond(_ x: Double) -> Bandwidth { Bandwidth(bitsPerSecond: x * 1e3) }
    /// `x` × 10⁶ bit/s.
    public static func megabitsPerSecond(_ x: Double) -> Bandwidth { Bandwidth(bitsPerSecond: x * 1e6) }
    /// `x` × 10⁹ bit/s.
    public static func gigabitsPerSecond(_ x: Double) -> Bandwidth { Bandwidth(bitsPerSecond: x * 1e9) }

    /// The rate in Mbit/s.
    public var megabitsPerSecond: Double { bitsPerSecond / 1e6 }

    /// The time to put `bytes` on the wire: round_ns(8 · bytes / bitsPerSecond).
    public func transmissionTime(_ bytes: ByteCount) -> SimDuration {
        SimDuration(seconds: Double(bytes.bits) / bitsPerSecond)
    }

    public static func < (a: Bandwidth, b: Bandwidth) -> Bool { a.bitsPerSecond < b.bitsPerSecond }

    /// "10 Mbit/s".
    public var description: String { String(format: "%g Mbit/s", megabitsPerSecond) }
}
