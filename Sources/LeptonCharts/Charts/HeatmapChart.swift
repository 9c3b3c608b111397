/// A grid of coloured cells with optional values written in them — a confusion matrix.
public struct HeatmapChart: Hashable, Sendable {
    /// Title drawn above the plot.
    public var title: String?
    /// Small text drawn under the chart.
    public var caption: String?
    /// Labels of the rows, top to bottom.
    public var rowLabels: [String]
    /// Labels of the columns, left to right.
    public var columnLabels: [String]
    /// `values[row][column]`.
    public var values: [[Double]]
    /// Whether each cell shows its value.
    public var showsValues: Bool
    /// Title of the row axis (left), for example "True class".
    public var rowTitle: String?
    /// Title of the column axis (bottom), for example "Predicted class".
    public var columnTitle: String?
    /// Size in CSS pixels.
    public var size: ChartSize

    /// A heatmap.
    public init(title: String? = nil, caption: String? = nil, rowLabels: [String], columnLabels: [String],
                values: [[Double]], showsValues: Bool = true, rowTitle: String? = nil, columnTitle: String? = nil,
                size: ChartSize = ChartSize(width: 560, height: 480)) {
        self.title = title
        self.caption = caption
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.showsValues = showsValues
        self.rowTitle = rowTitle
        self.columnTitle = columnTitle
        self.size = size
    }
}
