/// Where a chart's legend was placed and where each swatch is, in CSS pixels.
public struct LegendLayout: Hashable, Sendable {
    /// Where the legend sits relative to the plot.
    public enum Placement: Hashable, Sendable {
        case insideTopRight, insideTopLeft, insideBottomRight, insideBottomLeft
        case outsideRight, outsideTop
    }

    /// One placed entry.
    public struct Entry: Hashable, Sendable {
        /// The entry's description.
        public var item: LegendItem
        /// The swatch rectangle; its centre shows the entry's colour.
        public var swatch: Rect
    }

    /// The legend box.
    public var frame: Rect
    /// Where it was placed.
    public var placement: Placement
    /// The entries in order.
    public var entries: [Entry]
}
