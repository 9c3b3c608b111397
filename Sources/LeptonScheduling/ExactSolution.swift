/// The result of an exact method: the best schedule found, its value, and whether optimality is proven.
public struct ExactSolution: Sendable {
    /// The objective that was minimised.
    public var objective: Objective
    /// The best schedule found.
    public var schedule: Schedule
    /// Its objective value.
    public var value: Double
    /// True when the search finished, so `value` is the optimum; false when it hit the node limit.
    public var provenOptimal: Bool
    /// Search nodes (partial assignments) visited; for brute force, complete assignments evaluated.
    public var nodes: Int
    /// The best heuristic value the search started from (its initial upper bound); +∞ for brute force.
    public var initialUpperBound: Double
    /// Wall-clock time of the search.
    public var elapsed: Seconds
}
