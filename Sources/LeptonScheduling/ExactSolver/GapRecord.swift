/// One heuristic's result on one random instance, next to the proven optimum.
public struct GapRecord: Hashable, Sendable, Codable {
    /// Index of the instance in the study (0-based).
    public var instance: Int
    /// The seed that generated the instance.
    public var seed: UInt64
    /// The heuristic's name (`Heuristic.rawValue`).
    public var method: String
    /// The objective that was measured.
    public var objective: Objective
    /// The heuristic's objective value.
    public var value: Double
    /// The exact solver's value.
    public var optimum: Double
    /// Whether the optimum is proven (the search finished within its node limit).
    public var proven: Bool

    /// Relative gap to the optimum: value / optimum − 1 (0 when both are 0).
    public var gap: Double { optimum > 0 ? value / optimum - 1 : (value > 0 ? .infinity : 0) }
}
