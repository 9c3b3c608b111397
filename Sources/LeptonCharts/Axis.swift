/// The description of a numeric axis: title, unit, scale and optional fixed bounds.
public struct Axis: Hashable, Sendable {
    /// What the axis measures, for example "Latency".
    public var title: String?
    /// The unit shown after the title in parentheses, for example "ms".
    public var unit: String?
    /// Linear or logarithmic.
    public var scale: AxisScale
    /// Fixed lower bound; nil lets the data and nice ticks decide.
    public var minimum: Double?
    /// Fixed upper bound; nil lets the data and nice ticks decide.
    public var maximum: Double?

    /// An axis; everything but the scale is optional.
    public init(_ title: String? = nil, unit: String? = nil, scale: AxisScale = .linear,
                minimum: Double? = nil, maximum: Double? = nil) {
        self.title = title
        self.unit = unit
        self.scale = scale
        self.minimum = minimum
        self.maximum = maximum
    }

    /// "Title (unit)", "Title", "unit" or nil.
    public var label: String? {
        switch (title, unit) {
        case let (title?, unit?): return "\(title) (\(unit))"
        case let (title?, nil): return title
        case let (nil, unit?): return unit
        case (nil, nil): return nil
        }
    }
}
