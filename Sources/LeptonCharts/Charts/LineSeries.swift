/// One line of a ``LineChart``: a name and (x, y) points drawn in order.
public struct LineSeries: Hashable, Sendable {
    /// Legend label.
    public var name: String
    /// x values, one per point.
    public var x: [Double]
    /// y values, one per point.
    public var y: [Double]
    /// Whether a dot marks every point.
    public var showsMarkers: Bool

    /// A series from parallel x and y arrays.
    public init(_ name: String, x: [Double], y: [Double], markers: Bool = true) {
        self.name = name
        self.x = x
        self.y = y
        self.showsMarkers = markers
    }
}
