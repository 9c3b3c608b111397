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
    /// Whether a linear axis counts whole things (epochs, samples), so its ticks are
    /// integers one or more apart. nil decides from the data: a line chart's x axis is
    /// integer when every x value is whole, a histogram's count axis always is.
    public var integerTicks: Bool?

    /// An axis; everything but the scale is optional.
    public init(_ title: String? = nil, unit: String? = nil, scale: AxisScale = .linear,
                minimum: Double? = nil, maximum: Double? = nil, integerTicks: Bool? = nil) {
        self.title = title
        self.unit = unit
        self.scale = scale
        self.minimum = minimum
        self.maximum = maximum
        self.integerTicks = integerTicks
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
