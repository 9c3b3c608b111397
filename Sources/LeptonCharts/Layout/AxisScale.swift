/// How data values map to positions along an axis.
public enum AxisScale: Hashable, Sendable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios (base 10); every value must be positive.
    case logarithmic
}
