/// The result of an exact method: the best schedule found, its value, and whether optimality is proven.
public struct ExactSolution: Sendable {
    /// The objective that was minimised.
    public var objective: Objective
    /// The best schedule found.
    public var schedule: Schedule
    /// Its objective value.
    public var value: Double
    /// True when the search finished, so `value` is the optimum; false when it hit the node or time limit.
    public var provenOptimal: Bool
    /// Search nodes (partial assignments) visited; for brute force, complete assignments evaluated.
    public var nodes: Int
    /// The best heuristic value the search started from (its initial upper bound); +∞ for brute force.
    public var initialUpperBound: Double
    /// Wall-clock time of the search.
    public var elapsed: Seconds
    /// A value no schedule can beat: `value` itself when proven, else the root node's lower bound.
    public var lowerBound: Double

    /// A solution; `lowerBound` defaults to `value` (a proven optimum is its own bound).
    public init(objective: Objective, schedule: Schedule, value: Double, provenOptimal: Bool, nodes: Int,
                initialUpperBound: Double, elapsed: Seconds, lowerBound: Double? = nil) {
        self.objective = objective
        self.schedule = schedule
        self.value = value
        self.provenOptimal = provenOptimal
        self.nodes = nodes
        self.initialUpperBound = initialUpperBound
        self.elapsed = elapsed
        self.lowerBound = provenOptimal ? value : min(lowerBound ?? value, value)
    }

    /// (value − lowerBound) / value: how far the best schedule may be from the optimum (0 when proven).
    public var gap: Double { value > 0 ? max(0, value - lowerBound) / value : 0 }

    /// "proven" when the search finished, "bound" when a limit stopped it (the value is then
    /// the best schedule found and `lowerBound` a bound on the optimum).
    public var status: String { provenOptimal ? "proven" : "bound" }
}
