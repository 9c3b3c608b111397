import Foundation

/// A span of emulated time in whole nanoseconds.
///
/// Every duration the emulation computes from a formula is rounded to the nearest
/// nanosecond (halves away from zero) once, where it is made, so sums and comparisons
/// of durations are exact integer arithmetic and bit-stable across machines.
public struct SimDuration: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The length in nanoseconds.
    public var nanoseconds: Int64

    /// A duration of `nanoseconds`.
    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// `seconds` rounded to the nearest nanosecond (halves away from zero).
    public init(seconds: Double) {
        let ns = (seconds * 1e9).rounded(.toNearestOrAwayFromZero)
        self.nanoseconds = ns.isFinite ? Int64(Swift.max(Swift.min(ns, 9.2e18), -9.2e18)) : Int64.max
    }

    /// Zero.
    public static let zero = SimDuration(nanoseconds: 0)
    /// `n` nanoseconds.
    public static func nanoseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n) }
    /// `x` microseconds, rounded to the nanosecond.
    public static func microseconds(_ x: Double) -> SimDuration { SimDuration(seconds: x / 1e6) }
    /// `x` milliseconds, rounded to the nanosecond.
    public static func milliseconds(_ x: Double) -> SimDuration { SimDuration(seconds: x / 1e3) }
    /// `x` seconds, rounded to the nanosecond.
    public static func seconds(_ x: Double) -> SimDuration { SimDuration(seconds: x) }

    /// The length in seconds.
    public var seconds: Double { Double(nanoseconds) / 1e9 }
    /// The length in milliseconds.
    public var milliseconds: Double { Double(nanoseconds) / 1e6 }

    public static func < (a: SimDuration, b: SimDuration) -> Bool { a.nanoseconds < b.nanoseconds }
    /// The sum.
    public static func + (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(nanoseconds: a.nanoseconds + b.nanoseconds) }
    /// The difference.
    public static func - (a: SimDuration, b: SimDuration) -> SimDuration { SimDuration(nanoseconds: a.nanoseconds - b.nanoseconds) }
    /// Adds in place.
    public static func += (a: inout SimDuration, b: SimDuration) { a.nanoseconds += b.nanoseconds }
    /// `n` times the duration (exact).
    public static func * (a: SimDuration, n: Int) -> SimDuration { SimDuration(nanoseconds: a.nanoseconds * Int64(n)) }

    /// "12.345 ms".
    public var description: String { String(format: "%.3f ms", milliseconds) }
}
