/// A chart's size in CSS pixels; the PNG has `scale` times as many device pixels.
public struct ChartSize: Hashable, Sendable {
    /// Width in CSS pixels.
    public var width: Double
    /// Height in CSS pixels.
    public var height: Double

    /// A size in CSS pixels.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// 640×360, the default for a chart in a report column.
    public static let standard = ChartSize(width: 640, height: 360)
    /// 320×220, a panel of small multiples.
    public static let panel = ChartSize(width: 320, height: 220)
}
