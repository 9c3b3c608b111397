import Foundation

/// A compute rate in floating-point operations per second.
public struct FLOPRate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The rate.
    public var flopsPerSecond: Double

    /// A rate of `flopsPerSecond`.
    public init(flopsPerSecond: Double) { self.flopsPerSecond = flopsPerSecond }

    /// `x` × 10⁶ FLOP/s.
    public static func megaFLOPS(_ x: Double) -> FLOPRate { FLOPRate(flopsPerSecond: x * 1e6) }
    /// `x` × 10⁹ FLOP/s.
    public static func gigaFLOPS(_ x: Double) -> FLOPRate { FLOPRate(flopsPerSecond: x * 1e9) }

    /// The time for `flops` operations: round_ns(flops / rate).
    public func time(flops: Int) -> SimDuration {
        SimDuration(seconds: Double(flops) / flopsPerSecond)
    }

    /// The rate multiplied by `factor`.
    public func scaled(by factor: Double) -> FLOPRate { FLOPRate(flopsPerSecond: flopsPerSecond * factor) }

    public static func < (a: FLOPRate, b: FLOPRate) -> Bool { a.flopsPerSecond < b.flopsPerSecond }

    /// "10 GFLOP/s".
    public var description: String { String(format: "%g GFLOP/s", flopsPerSecond / 1e9) }
}
