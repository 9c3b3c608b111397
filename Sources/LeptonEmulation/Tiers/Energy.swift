import Foundation

/// An amount of energy in joules.
public struct Energy: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The amount.
    public var joules: Double

    /// `joules` joules.
    public init(joules: Double) { self.joules = joules }

    /// No energy.
    public static let zero = Energy(joules: 0)

    public static func < (a: Energy, b: Energy) -> Bool { a.joules < b.joules }
    /// The sum.
    public static func + (a: Energy, b: Energy) -> Energy { Energy(joules: a.joules + b.joules) }

    /// "1.234 J".
    public var description: String { String(format: "%.4g J", joules) }
}
