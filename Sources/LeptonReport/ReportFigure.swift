import LeptonCharts

/// A chart in a report with its caption and alternative text.
public struct ReportFigure: Hashable, Sendable {
    /// The chart to draw.
    public var chart: Chart
    /// Caption shown under the image (plain text).
    public var caption: String?
    /// Text for screen readers and broken images; defaults to the caption or title.
    public var alt: String?

    /// A figure.
    public init(_ chart: Chart, caption: String? = nil, alt: String? = nil) {
        self.chart = chart
        self.caption = caption
        self.alt = alt
    }

    /// The alternative text actually used.
    public var altText: String {
        alt ?? caption ?? chart.title.map { "\(chart.kindName): \($0)" } ?? chart.kindName
    }
}
