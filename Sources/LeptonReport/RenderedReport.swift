import LeptonCharts

/// A report turned into one HTML document.
public struct RenderedReport: Sendable {
    /// The complete, self-contained HTML.
    public var html: String
    /// How many charts were drawn.
    public var chartCount: Int
    /// Rendering problems worth telling the reader, each once (also shown in the HTML).
    public var warnings: [ChartWarning]
}
