import Foundation

/// An electrical power draw in watts.
public struct Power: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The draw.
    public var watts: Double

    /// A draw of `watts`.
    public init(watts: Double) { self.watts = watts }

    /// `x` watts.
    public static func watts(_ x: Double) -> Power { Power(watts: x) }

    /// The energy drawn over `duration`: watts × seconds.
    public func energy(over duration: SimDuration) -> Energy { Energy(joules: watts * duration.seconds) }

    public static func < (a: Power, b: Power) -> Bool { a.watts < b.watts }

    /// "2.5 W".
    public var description: String { String(format: "%g W", watts) }
}
