/// A grid of small charts that share a title — one panel per configuration.
public struct SmallMultiples: Hashable, Sendable {
    /// Title drawn above the grid.
    public var title: String?
    /// Small text drawn under the grid.
    public var caption: String?
    /// The panels, row by row.
    public var panels: [Chart]
    /// Panels per row.
    public var columns: Int
    /// Size of one panel in CSS pixels.
    public var panelSize: ChartSize

    /// Small multiples.
    public init(title: String? = nil, caption: String? = nil, panels: [Chart], columns: Int = 2,
                panelSize: ChartSize = .panel) {
        self.title = title
        self.caption = caption
        self.panels = panels
        self.columns = columns
        self.panelSize = panelSize
    }

    static let titleHeight = 30.0
    static let captionHeight = 24.0

    /// The whole grid's size in CSS pixels.
    public var size: ChartSize {
        let columns = max(1, min(self.columns, panels.count))
        let rows = (panels.count + columns - 1) / columns
        return ChartSize(width: Double(columns) * panelSize.width,
                         height: Double(max(1, rows)) * panelSize.height + (title == nil ? 0 : Self.titleHeight)
                            + (caption == nil ? 0 : Self.captionHeight))
    }
}
