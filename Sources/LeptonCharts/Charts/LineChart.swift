/// Several series of (x, y) points joined by lines, with optional markers and log axes
/// — training curves, latency against bandwidth.
public struct LineChart: Hashable, Sendable {
    /// Title drawn above the plot.
    public var title: String?
    /// Small text drawn under the chart.
    public var caption: String?
    /// The lines, drawn in palette order.
    public var series: [LineSeries]
    /// Horizontal axis.
    public var xAxis: Axis
    /// Vertical axis.
    public var yAxis: Axis
    /// Size in CSS pixels.
    public var size: ChartSize

    /// A line chart.
    public init(title: String? = nil, caption: String? = nil, series: [LineSeries], xAxis: Axis = Axis(),
                yAxis: Axis = Axis(), size: ChartSize = .standard) {
        self.title = title
        self.caption = caption
        self.series = series
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.size = size
    }
}
