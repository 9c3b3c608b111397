/// The geometry of a rendered chart, so callers and tests can find data on the image.
///
/// All rectangles and positions are in CSS pixels; multiply by `scale` (or call
/// ``pixel(_:)``) for device pixels of the PNG.
public struct ChartLayout: Hashable, Sendable {
    /// The whole chart (or panel) area.
    public var frame: Rect
    /// Device pixels per CSS pixel.
    public var scale: Double
    /// The plotting area, inside the axes.
    public var plot: Rect
    /// Numeric x axis, if the chart has one.
    public var x: ScaleMapping?
    /// Numeric y axis, if the chart has one.
    public var y: ScaleMapping?
    /// Categorical x axis (bar groups, heatmap columns).
    public var xBands: BandMapping?
    /// Categorical y axis (heatmap or Gantt rows).
    public var yBands: BandMapping?
    /// The legend, if one was drawn.
    public var legend: LegendLayout?
    /// The colour bar, for heatmaps.
    public var colorBar: ColorBarLayout?
    /// Panel layouts, for small multiples (in the same coordinates as the whole image).
    public var panels: [ChartLayout] = []

    /// The CSS-pixel point of a data value on the numeric axes.
    public func point(x xValue: Double, y yValue: Double) -> Point? {
        guard let x, let y else { return nil }
        return Point(x: x.position(of: xValue), y: y.position(of: yValue))
    }

    /// The device pixel that contains a CSS-pixel point.
    public func pixel(_ point: Point) -> (x: Int, y: Int) {
        (Int((point.x * scale).rounded(.down)), Int((point.y * scale).rounded(.down)))
    }
}
