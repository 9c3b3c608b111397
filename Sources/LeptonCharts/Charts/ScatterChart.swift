/// Points with optional labels, coloured by group, with an optional highlighted Pareto
/// front — accuracy against latency for several model sizes.
public struct ScatterChart: Hashable, Sendable {
    /// Title drawn above the plot.
    public var title: String?
    /// Small text drawn under the chart.
    public var caption: String?
    /// The points.
    public var points: [ScatterPoint]
    /// Horizontal axis.
    public var xAxis: Axis
    /// Vertical axis.
    public var yAxis: Axis
    /// When set, the Pareto front for this goal is ringed and joined by a line.
    public var paretoGoal: ParetoFront.Goal?
    /// Size in CSS pixels.
    public var size: ChartSize

    /// A scatter chart.
    public init(title: String? = nil, caption: String? = nil, points: [ScatterPoint], xAxis: Axis = Axis(),
                yAxis: Axis = Axis(), paretoGoal: ParetoFront.Goal? = nil, size: ChartSize = .standard) {
        self.title = title
        self.caption = caption
        self.points = points
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.paretoGoal = paretoGoal
        self.size = size
    }

    /// Group names in order of first appearance; group `i` gets palette colour `i`.
    public var groups: [String] {
        var seen: Set<String> = []
        return points.map(\.group).filter { seen.insert($0).inserted }
    }
}
