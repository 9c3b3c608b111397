import CGD

/// The resolved font files of one render and the per-string choice among them.
struct TextFonts: Equatable {
    var regular: String
    var bold: String
    /// Fontconfig's fallback files, best first.
    var fallbacks: [String]
    /// Each file's character set, looked up once per render so shaping takes no lock.
    private let charsets: [String: OpaquePointer]

    init(regular: String, bold: String, fallbacks: [String]) {
        self.regular = regular
        self.bold = bold
        self.fallbacks = fallbacks
        var charsets: [String: OpaquePointer] = [:]
        for path in [regular, bold] + fallbacks {
            if let charset = FontCoverage.shared.charset(path) { charsets[path] = charset }
        }
        self.charsets = charsets
    }

    /// A string made ready for FreeType: runs of text, each with the font file that
    /// draws it (control characters as spaces, characters no font has as U+FFFD or "?"),
    /// and those missing characters.
    struct Shaped: Equatable {
        /// Consecutive text drawn with one font.
        struct Run: Equatable {
            var font: String
            var text: String
        }

        var runs: [Run]
        var missing: [Unicode.Scalar]

        /// The font of the first run (the only one when a single font covers the string).
        var font: String { runs.first?.font ?? "" }
        /// The text as drawn.
        var text: String { runs.map(\.text).joined() }
    }

    /// Chooses fonts for `text`: the primary one when it covers every character, else
    /// the first fallback that does (one font per string looks even); only when no
    /// font covers the whole string is it split into runs, each character taking the
    /// current run's font if that has it, else the first font that does.
    func shape(_ text: String, bold useBold: Bool) -> Shaped {
        let coverage = Reachable(charsets: charsets)
        let scalars = text.unicodeScalars.map { Self.isControl($0) ? " " : $0 } as [Unicode.Scalar]
        let primary = useBold ? bold : regular
        var candidates = [primary]
        if useBold, regular != bold { candidates.append(regular) }
        candidates += fallbacks
        for font in candidates where scalars.allSatisfy({ coverage.covers(font, $0) }) {
            return Shaped(runs: [Shaped.Run(font: font, text: String(String.UnicodeScalarView(scalars)))], missing: [])
        }
        var runs: [Shaped.Run] = []
        var missing: [Unicode.Scalar] = []
        for scalar in scalars {
            let current = runs.last?.font
            var font: String
            var drawn = scalar
            if let current, coverage.covers(current, scalar) {
                font = current
            } else if let first = candidates.first(where: { coverage.covers($0, scalar) }) {
                font = first
            } else {
                if Self.isInvisibleFormat(scalar) { continue }
                if !missing.contains(scalar) { missing.append(scalar) }
                font = current ?? primary
                if !coverage.covers(font, "\u{FFFD}") { font = candidates.first { coverage.covers($0, "\u{FFFD}") } ?? font }
                drawn = coverage.covers(font, "\u{FFFD}") ? "\u{FFFD}" : "?"
            }
            if font == current {
                runs[runs.count - 1].text.unicodeScalars.append(drawn)
            } else {
                runs.append(Shaped.Run(font: font, text: String(drawn)))
            }
        }
        return Shaped(runs: runs, missing: missing)
    }

    /// Font coverage limited to what libgd can pass to FreeType: its UTF-8 decoder stops
    /// at three bytes and it selects a font's BMP-only (platform 3, encoding 1) character
    /// map, so characters above U+FFFF (emoji, historic scripts) cannot be drawn with any
    /// font, even one that has them.
    private struct Reachable {
        static let limit: UInt32 = 0xFFFF
        let charsets: [String: OpaquePointer]

        func covers(_ font: String, _ scalar: Unicode.Scalar) -> Bool {
            guard scalar.value <= Self.limit, let charset = charsets[font] else { return false }
            return FcCharSetHasChar(charset, scalar.value) != 0
        }
    }

    /// C0/C1 controls and line or paragraph separators: libgd would break lines at them.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// Joiners and variation selectors, which have no glyph of their own.
    private static func isInvisibleFormat(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x200D || (0xFE00...0xFE0F).contains(scalar.value) || (0xE0100...0xE01EF).contains(scalar.value)
    }

    /// The text as libgd's FreeType path reads it: UTF-8 in which `&` starts an HTML
    /// entity, so `&` is written `&#38;` (and anything beyond U+FFFF, which
    /// ``shape(_:bold:)`` never passes, as an entity rather than bytes libgd misreads).
    static func libgdEncoded(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar == "&" || scalar.value > 0xFFFF {
                result += "&#\(scalar.value);"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
