import CGD
import Foundation

/// Where the chart text's TrueType fonts live.
///
/// The defaults are the DejaVu fonts from Debian's `fonts-dejavu-core`. When the
/// regular font cannot be opened, rendering falls back to libgd's built-in bitmap
/// fonts and returns a ``ChartWarning/fontFallback(path:reason:)``.
public struct ChartFonts: Hashable, Sendable {
    /// Path of the regular-weight TrueType font.
    public var regular: String
    /// Path of the bold TrueType font; the regular font is used if it cannot be opened.
    public var bold: String

    /// Fonts at explicit paths.
    public init(regular: String, bold: String) {
        self.regular = regular
        self.bold = bold
    }

    /// DejaVu Sans from `fonts-dejavu-core`.
    public static let dejaVu = ChartFonts(
        regular: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        bold: "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
    )

    /// Checks that FreeType can open the fonts and decides how text will be drawn.
    func resolve() -> (TextEngine, ChartWarning?) {
        FontCache.prepare()
        if let reason = Self.probe(regular) {
            return (.builtIn, .fontFallback(path: regular, reason: reason))
        }
        let boldPath = Self.probe(bold) == nil ? bold : regular
        return (.trueType(regular: regular, bold: boldPath), nil)
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
    case trueType(regular: String, bold: String)
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
