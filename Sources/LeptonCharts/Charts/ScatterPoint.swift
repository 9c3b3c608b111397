/// One point of a ``ScatterChart``.
public struct ScatterPoint: Hashable, Sendable {
    /// Horizontal value.
    public var x: Double
    /// Vertical value.
    public var y: Double
    /// Text written next to the point, if any.
    public var label: String?
    /// Group name; points of one group share a colour and a legend entry.
    public var group: String

    /// A point.
    public init(x: Double, y: Double, label: String? = nil, group: String = "") {
        self.x = x
        self.y = y
        self.label = label
        self.group = group
    }
}
