/// Vertical bars per category: one series, several side by side (grouped) or piled up
/// (stacked — for example a latency breakdown into queue, compute, pack, wire, unpack).
public struct BarChart: Hashable, Sendable {
    /// How several series share a category.
    public enum Mode: Hashable, Sendable {
        /// Side by side.
        case grouped
        /// On top of each other, in series order from the axis up.
        case stacked
    }

    /// Title drawn above the plot.
    public var title: String?
    /// Small text drawn under the chart.
    public var caption: String?
    /// Category labels along the x axis.
    public var categories: [String]
    /// The series, one value per category each.
    public var series: [BarSeries]
    /// Grouped or stacked.
    public var mode: Mode
    /// The value (y) axis; must be linear (bars start at zero).
    public var valueAxis: Axis
    /// Title under the category labels.
    public var categoryTitle: String?
    /// Size in CSS pixels.
    public var size: ChartSize

    /// A bar chart.
    public init(title: String? = nil, caption: String? = nil, categories: [String], series: [BarSeries],
                mode: Mode = .grouped, valueAxis: Axis = Axis(), categoryTitle: String? = nil,
                size: ChartSize = .standard) {
        self.title = title
        self.caption = caption
        self.categories = categories
        self.series = series
        self.mode = mode
        self.valueAxis = valueAxis
        self.categoryTitle = categoryTitle
        self.size = size
    }
}
