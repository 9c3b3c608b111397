/// One named set of bar values, one value per category of a ``BarChart``.
public struct BarSeries: Hashable, Sendable {
    /// Legend label.
    public var name: String
    /// One value per category.
    public var values: [Double]

    /// A bar series.
    public init(_ name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}
