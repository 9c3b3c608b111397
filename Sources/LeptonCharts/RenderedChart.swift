/// A chart drawn to PNG, with the geometry of what was drawn.
public struct RenderedChart: Sendable {
    /// The PNG file's bytes.
    public var png: [UInt8]
    /// Size in CSS pixels (the size to display it at).
    public var size: ChartSize
    /// Device pixels per CSS pixel.
    public var scale: Double
    /// PNG width in device pixels.
    public var pixelWidth: Int
    /// PNG height in device pixels.
    public var pixelHeight: Int
    /// Where the plot, axes, legend and panels are.
    public var layout: ChartLayout
    /// Problems that did not stop rendering (for example a missing font).
    public var warnings: [ChartWarning]
    /// The full text of every label, legend entry or title that was shortened with "…"
    /// to stay inside the image, in order; a report lists them under the chart.
    public var shortenedTexts: [String] = []
}
