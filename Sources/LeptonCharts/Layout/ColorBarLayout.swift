/// The colour scale drawn beside a heatmap, in CSS pixels.
public struct ColorBarLayout: Hashable, Sendable {
    /// The gradient strip; its top shows the largest value's colour.
    public var frame: Rect
    /// Value at the bottom of the strip.
    public var minimum: Double
    /// Value at the top of the strip.
    public var maximum: Double
}
