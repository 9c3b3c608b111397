/// One entry of a chart legend: a label and the colour and mark that identify it.
public struct LegendItem: Hashable, Sendable {
    /// The mark drawn in the legend swatch.
    public enum Mark: Hashable, Sendable {
        /// A short line (with a dot when the series has markers).
        case line(marker: Bool)
        /// A filled square (bars, histogram, Gantt tasks).
        case box
        /// A dot (scatter points).
        case dot
        /// A ring (highlighted points such as a Pareto front).
        case ring
    }

    /// Text of the entry.
    public var label: String
    /// Colour of the swatch.
    public var color: RGBColor
    /// Shape of the swatch.
    public var mark: Mark

    /// A legend entry.
    public init(label: String, color: RGBColor, mark: Mark) {
        self.label = label
        self.color = color
        self.mark = mark
    }
}
