/// Tasks as bars on rows over time — schedules on devices or tiers.
public struct GanttChart: Hashable, Sendable {
    /// Title drawn above the plot.
    public var title: String?
    /// Small text drawn under the chart.
    public var caption: String?
    /// Row names, top to bottom.
    public var rows: [String]
    /// The tasks.
    public var tasks: [GanttTask]
    /// The time axis (x); must be linear.
    public var timeAxis: Axis
    /// Whether task names are written inside bars wide enough to hold them.
    public var showsTaskNames: Bool
    /// Size in CSS pixels.
    public var size: ChartSize

    /// A Gantt chart.
    public init(title: String? = nil, caption: String? = nil, rows: [String], tasks: [GanttTask],
                timeAxis: Axis = Axis("Time"), showsTaskNames: Bool = true, size: ChartSize = .standard) {
        self.title = title
        self.caption = caption
        self.rows = rows
        self.tasks = tasks
        self.timeAxis = timeAxis
        self.showsTaskNames = showsTaskNames
        self.size = size
    }

    /// Categories in order of first appearance; category `i` gets palette colour `i`.
    public var categories: [String] {
        var seen: Set<String> = []
        return tasks.map(\.category).filter { seen.insert($0).inserted }
    }
}
