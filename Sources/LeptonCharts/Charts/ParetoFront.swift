/// The Pareto front of a set of points: those that no other point beats on both axes.
public enum ParetoFront {
    /// Which way is better on each axis.
    public enum Goal: Hashable, Sendable {
        /// Smaller x and larger y are better (latency vs accuracy).
        case minimizeXMaximizeY
        /// Smaller x and smaller y are better.
        case minimizeXMinimizeY
        /// Larger x and larger y are better.
        case maximizeXMaximizeY
        /// Larger x and smaller y are better.
        case maximizeXMinimizeY

        var xSign: Double { self == .minimizeXMaximizeY || self == .minimizeXMinimizeY ? 1 : -1 }
        var ySign: Double { self == .minimizeXMinimizeY || self == .maximizeXMinimizeY ? 1 : -1 }
    }

    /// Indices of the non-dominated points, ordered by x.
    ///
    /// A point is dominated when another is at least as good on both axes and strictly
    /// better on one. Cost: O(n log n) (sort, then one sweep).
    public static func indices(of points: [(x: Double, y: Double)], goal: Goal) -> [Int] {
        // Work in "smaller is better" coordinates.
        let costs = points.map { (goal.xSign * $0.x, goal.ySign * $0.y) }
        let order = costs.indices.sorted { costs[$0].0 != costs[$1].0 ? costs[$0].0 < costs[$1].0 : costs[$0].1 < costs[$1].1 }
        var front: [Int] = []
        var bestY = Double.infinity
        for index in order where costs[index].1 < bestY {
            front.append(index)
            bestY = costs[index].1
        }
        return front.sorted { points[$0].x < points[$1].x }
    }
}
