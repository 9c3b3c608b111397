/// A non-fatal problem met while rendering; the caller decides how to show it.
///
/// Libraries do not print: a report surfaces these once in its text and the CLI
/// prints them once.
public enum ChartWarning: Hashable, Sendable, CustomStringConvertible {
    /// The TrueType font could not be used, so libgd's built-in bitmap font was used.
    case fontFallback(path: String, reason: String)
    /// Values that are NaN or infinite were left out of a line or bar chart as gaps.
    case nonFiniteValues(chart: String, series: String, count: Int)

    public var description: String {
        switch self {
        case let .fontFallback(path, reason):
            return "The chart font \(path) could not be used (\(reason)); charts were drawn with libgd's built-in bitmap font. Install fonts-dejavu-core for sharp text."
        case let .nonFiniteValues(chart, series, count):
            return "\(chart): \(count) value\(count == 1 ? "" : "s") of series '\(series)' \(count == 1 ? "is" : "are") NaN or infinite and \(count == 1 ? "is" : "are") drawn as a gap"
        }
    }
}
