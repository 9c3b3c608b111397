/// A non-fatal problem met while rendering; the caller decides how to show it.
///
/// Libraries do not print: a report surfaces these once in its text and the CLI
/// prints them once.
public enum ChartWarning: Hashable, Sendable, CustomStringConvertible {
    /// The TrueType font could not be used, so libgd's built-in bitmap font was used.
    case fontFallback(path: String, reason: String)
    /// Values that are NaN or infinite were left out of a line or bar chart as gaps.
    case nonFiniteValues(chart: String, series: String, count: Int)
    /// No installed font can draw these characters (each once, in order of use): no
    /// font has them, or they lie above U+FFFF, which libgd's text path cannot reach
    /// (emoji). Each was drawn as a visible "�" (or "?") instead.
    case missingGlyphs(characters: String)

    public var description: String {
        switch self {
        case let .fontFallback(path, reason):
            return "The chart font \(path) could not be used (\(reason)); charts were drawn with libgd's built-in bitmap font. Install fonts-dejavu-core for sharp text."
        case let .nonFiniteValues(chart, series, count):
            return "\(chart): \(count) value\(count == 1 ? "" : "s") of series '\(series)' \(count == 1 ? "is" : "are") NaN or infinite and \(count == 1 ? "is" : "are") drawn as a gap"
        case let .missingGlyphs(characters):
            let listed = characters.unicodeScalars.map { "\($0) (U+\(String($0.value, radix: 16, uppercase: true)))" }
            return "Chart text has characters no installed font can draw: \(listed.joined(separator: ", ")); the charts show \u{201C}\u{FFFD}\u{201D} in their place (the report's text keeps them). For Chinese, Japanese or Korean install fonts-wqy-zenhei; characters above U+FFFF (emoji) cannot be drawn by libgd's text renderer, so leave them out of chart labels."
        }
    }
}
