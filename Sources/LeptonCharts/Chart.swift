/// Any chart Lepton can draw: a plain, `Sendable` description built from numbers and
/// strings, independent of models and runners. Call ``render(scale:fonts:)`` for a PNG.
public enum Chart: Hashable, Sendable {
    /// Lines through (x, y) points.
    case line(LineChart)
    /// Single, grouped or stacked bars.
    case bar(BarChart)
    /// Labelled points with an optional Pareto front.
    case scatter(ScatterChart)
    /// Binned counts of samples.
    case histogram(HistogramChart)
    /// Empirical cumulative distributions.
    case cdf(CDFChart)
    /// A grid of coloured cells with values.
    case heatmap(HeatmapChart)
    /// Tasks on rows over time.
    case gantt(GanttChart)
    /// A grid of smaller charts.
    case smallMultiples(SmallMultiples)

    /// The chart's size in CSS pixels.
    public var size: ChartSize {
        switch self {
        case let .line(chart): return chart.size
        case let .bar(chart): return chart.size
        case let .scatter(chart): return chart.size
        case let .histogram(chart): return chart.size
        case let .cdf(chart): return chart.size
        case let .heatmap(chart): return chart.size
        case let .gantt(chart): return chart.size
        case let .smallMultiples(chart): return chart.size
        }
    }

    /// The chart's title, if it has one.
    public var title: String? {
        switch self {
        case let .line(chart): return chart.title
        case let .bar(chart): return chart.title
        case let .scatter(chart): return chart.title
        case let .histogram(chart): return chart.title
        case let .cdf(chart): return chart.title
        case let .heatmap(chart): return chart.title
        case let .gantt(chart): return chart.title
        case let .smallMultiples(chart): return chart.title
        }
    }

    /// A short name of the kind, for messages and alt text ("line chart", "heatmap").
    public var kindName: String {
        switch self {
        case .line: return "line chart"
        case let .bar(chart): return chart.mode == .stacked && chart.series.count > 1 ? "stacked bar chart"
            : chart.series.count > 1 ? "grouped bar chart" : "bar chart"
        case .scatter: return "scatter chart"
        case .histogram: return "histogram"
        case .cdf: return "CDF chart"
        case .heatmap: return "heatmap"
        case .gantt: return "Gantt chart"
        case .smallMultiples: return "small multiples"
        }
    }

    /// Draws the chart into `frame` of `canvas` and returns where everything went.
    func draw(on canvas: Canvas, in frame: Rect) throws(ChartError) -> ChartLayout {
        switch self {
        case let .line(chart): return try chart.draw(on: canvas, in: frame)
        case let .bar(chart): return try chart.draw(on: canvas, in: frame)
        case let .scatter(chart): return try chart.draw(on: canvas, in: frame)
        case let .histogram(chart): return try chart.draw(on: canvas, in: frame)
        case let .cdf(chart): return try chart.draw(on: canvas, in: frame)
        case let .heatmap(chart): return try chart.draw(on: canvas, in: frame)
        case let .gantt(chart): return try chart.draw(on: canvas, in: frame)
        case let .smallMultiples(chart): return try chart.draw(on: canvas, in: frame)
        }
    }
}
