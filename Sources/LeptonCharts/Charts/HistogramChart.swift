/// The distribution of one or more sample sets as bars of counts over equal bins —
/// latency distributions.
public struct HistogramChart: Hashable, Sendable {
    /// Title drawn above the plot.
    public var title: String?
    /// Small text drawn under the chart.
    public var caption: String?
    /// The sample sets; several share the bins and stand side by side in each bin.
    public var series: [SampleSeries]
    /// Number of bins; nil chooses one by the Freedman–Diaconis rule.
    public var binCount: Int?
    /// The value axis (x); must be linear.
    public var valueAxis: Axis
    /// The count axis (y).
    public var countAxis: Axis
    /// Size in CSS pixels.
    public var size: ChartSize

    /// A histogram.
    public init(title: String? = nil, caption: String? = nil, series: [SampleSeries], binCount: Int? = nil,
                valueAxis: Axis = Axis(), countAxis: Axis = Axis("Count"), size: ChartSize = .standard) {
        self.title = title
        self.caption = caption
        self.series = series
        self.binCount = binCount
        self.valueAxis = valueAxis
        self.countAxis = countAxis
        self.size = size
    }
}
