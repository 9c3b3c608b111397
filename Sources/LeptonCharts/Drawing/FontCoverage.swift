import CGD
import Foundation

/// Which characters each font file has glyphs for, and which installed fonts fontconfig
/// offers as fallbacks: the only place Lepton calls fontconfig.
///
/// Character sets are read once per file (`FcFreeTypeQuery`) and kept for the life of
/// the process; fallback lists are read once per fontconfig pattern (`FcFontSort`, trimmed
/// to fonts that add coverage). All fontconfig calls are serialised by one lock; the
/// kept character sets are only read afterwards.
final class FontCoverage: @unchecked Sendable {
    /// The process-wide instance.
    static let shared = FontCoverage()

    private let lock = NSLock()
    private var charsets: [String: OpaquePointer] = [:]
    private var unreadable: Set<String> = []
    private var fallbackLists: [String: [String]] = [:]
    private let ready: Bool

    private init() {
        ready = FcInit() != 0
    }

    /// Whether the font file at `path` has a glyph for `scalar`; false when the file
    /// cannot be read.
    func covers(_ path: String, _ scalar: Unicode.Scalar) -> Bool {
        guard let charset = charset(path) else { return false }
        return FcCharSetHasChar(charset, scalar.value) != 0
    }

    /// The font files fontconfig sorts best for `pattern` (for example "sans-serif"),
    /// trimmed to those that add glyphs, face 0 of each file only. Empty when fontconfig
    /// is unavailable or the pattern matches nothing.
    func fallbacks(for pattern: String) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        if let known = fallbackLists[pattern] { return known }
        var paths: [String] = []
        if ready, let parsed = pattern.withCString({ FcNameParse(UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }) {
            defer { FcPatternDestroy(parsed) }
            FcConfigSubstitute(nil, parsed, FcMatchPattern)
            FcDefaultSubstitute(parsed)
            var result = FcResultNoMatch
            if let set = FcFontSort(nil, parsed, 1, nil, &result) {
                defer { FcFontSetDestroy(set) }
                for index in 0..<Int(set.pointee.nfont) {
                    guard let font = set.pointee.fonts[index] else { continue }
                    var file: UnsafeMutablePointer<FcChar8>?
                    var face: Int32 = 0
                    guard FcPatternGetString(font, "file", 0, &file) == FcResultMatch, let file else { continue }
                    if FcPatternGetInteger(font, "index", 0, &face) == FcResultMatch, face != 0 { continue }
                    let path = String(cString: UnsafeRawPointer(file).assumingMemoryBound(to: CChar.self))
                    if !paths.contains(path) { paths.append(path) }
                }
            }
        }
        fallbackLists[pattern] = paths
        return paths
    }

    /// The file's best match for a fontconfig `pattern` such as "DejaVu Sans:bold", or nil.
    func match(_ pattern: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        guard ready, let parsed = pattern.withCString({ FcNameParse(UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) })
        else { return nil }
        defer { FcPatternDestroy(parsed) }
        FcConfigSubstitute(nil, parsed, FcMatchPattern)
        FcDefaultSubstitute(parsed)
        var result = FcResultNoMatch
        guard let matched = FcFontMatch(nil, parsed, &result) else { return nil }
        defer { FcPatternDestroy(matched) }
        var file: UnsafeMutablePointer<FcChar8>?
        guard FcPatternGetString(matched, "file", 0, &file) == FcResultMatch, let file else { return nil }
        return String(cString: UnsafeRawPointer(file).assumingMemoryBound(to: CChar.self))
    }

    /// The file's fontconfig character set (kept for the life of the process), or nil
    /// when the file cannot be read. Read it with `FcCharSetHasChar`, no lock needed.
    func charset(_ path: String) -> OpaquePointer? {
        lock.lock()
        defer { lock.unlock() }
        if let known = charsets[path] { return known }
        guard ready, !unreadable.contains(path) else { return nil }
        var count: Int32 = 0
        let query = path.withCString { FcFreeTypeQuery(UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self), 0, nil, &count) }
        guard let query else {
            unreadable.insert(path)
            return nil
        }
        defer { FcPatternDestroy(query) }
        var charset: OpaquePointer?
        guard FcPatternGetCharSet(query, "charset", 0, &charset) == FcResultMatch, let charset,
              let kept = FcCharSetCopy(charset)
        else {
            unreadable.insert(path)
            return nil
        }
        charsets[path] = kept
        return kept
    }
}
