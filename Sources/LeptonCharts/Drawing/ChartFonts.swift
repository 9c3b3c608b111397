import CGD
import Foundation

/// Which TrueType fonts draw chart text, and where fontconfig finds fallbacks.
///
/// Text is drawn with `regular` (or `bold`) when that font has a glyph for every
/// character of the string. Otherwise the string as a whole is drawn with the first
/// font fontconfig lists for `fallbackPattern` that covers it (so a Chinese title uses
/// an installed CJK font such as Debian's `fonts-wqy-zenhei`). Characters that no font
/// has are drawn as U+FFFD "�" and reported once per render as
/// ``ChartWarning/missingGlyphs(_:)``. When the regular font cannot be opened at all,
/// rendering falls back to libgd's built-in bitmap fonts and returns a
/// ``ChartWarning/fontFallback(path:reason:)``.
public struct ChartFonts: Hashable, Sendable {
    /// Path of the regular-weight TrueType font.
    public var regular: String
    /// Path of the bold TrueType font; the regular font is used if it cannot be opened.
    public var bold: String
    /// A fontconfig pattern (`fc-match` syntax, such as "sans-serif") whose sorted
    /// matches are tried, per string, for text the fonts above cannot draw; nil turns
    /// fallback off.
    public var fallbackPattern: String?

    /// Fonts at explicit paths, with fontconfig fallback for `fallbackPattern`.
    public init(regular: String, bold: String, fallbackPattern: String? = "sans-serif") {
        self.regular = regular
        self.bold = bold
        self.fallbackPattern = fallbackPattern
    }

    /// DejaVu Sans from `fonts-dejavu-core`, falling back to fontconfig's "sans-serif" list.
    public static let dejaVu = ChartFonts(
        regular: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        bold: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
    )

    /// The fonts fontconfig picks for a family pattern, for example
    /// `ChartFonts.matching("Noto Sans")`; nil when fontconfig finds no file for it.
    public static func matching(_ family: String, fallbackPattern: String? = "sans-serif") -> ChartFonts? {
        guard let regular = FontCoverage.shared.match(family) else { return nil }
        let bold = FontCoverage.shared.match(family + ":bold") ?? regular
        return ChartFonts(regular: regular, bold: bold, fallbackPattern: fallbackPattern)
    }

    /// Checks that FreeType can open the fonts and decides how text will be drawn.
    func resolve() -> (TextEngine, ChartWarning?) {
        FontCache.prepare()
        if let reason = Self.probe(regular) {
            return (.builtIn, .fontFallback(path: regular, reason: reason))
        }
        let boldPath = Self.probe(bold) == nil ? bold : regular
        let fallbacks = fallbackPattern.map { FontCoverage.shared.fallbacks(for: $0) } ?? []
        return (.trueType(TextFonts(regular: regular, bold: boldPath,
                                    fallbacks: fallbacks.filter { $0 != regular && $0 != boldPath })), nil)
    }

    /// Returns why the font cannot be used, or nil when it can.
    private static func probe(_ path: String) -> String? {
        guard FileManager.default.isReadableFile(atPath: path) else {
            return "file not found or not readable"
        }
        var bounds = [Int32](repeating: 0, count: 8)
        var font = Array(path.utf8CString)
        var sample = Array("Ag".utf8CString)
        let error = bounds.withUnsafeMutableBufferPointer { boundsBuffer in
            font.withUnsafeMutableBufferPointer { fontBuffer in
                sample.withUnsafeMutableBufferPointer { sampleBuffer in
                    gdImageStringFT(nil, boundsBuffer.baseAddress, 0, fontBuffer.baseAddress, 12, 0, 0, 0,
                                    sampleBuffer.baseAddress)
                }
            }
        }
        if let error { return String(cString: error) }
        return nil
    }
}

/// How a canvas draws text: FreeType with TrueType fonts, or libgd's bitmap fonts.
enum TextEngine: Equatable {
    case trueType(TextFonts)
    case builtIn
}

/// libgd's FreeType font cache, set up once so concurrent renders are safe.
enum FontCache {
    private static let ready: Bool = gdFontCacheSetup() == 0

    /// Sets up the cache (idempotent, thread-safe through Swift's lazy static init).
    static func prepare() {
        _ = ready
    }
}
