import Foundation
import LeptonData

/// Identifies a cell's code for the cache: the SHA-256 of the cell's own source text
/// (from its declaration line to the brace that closes it) plus its `version`.
///
/// Code the cell calls outside its body (helper functions, library code) is covered by
/// Lepton's version for library code, and by `version:` for helpers in the experiment
/// file: bump it after changing a helper.
enum CodeIdentity {
    nonisolated(unsafe) private static var files: [String: [Substring]] = [:]
    private static let lock = NSLock()

    /// The hash of the cell's source text and version.
    static func hash(of cell: Cell) -> String {
        let text = sourceText(file: cell.file, line: cell.line) ?? "unavailable:\(cell.file):\(cell.name)"
        return SHA256.hexDigest(Array("\(cell.version)\n\(text)".utf8))
    }

    /// The text from `line` (1-based) up to the line where the braces opened there balance.
    static func sourceText(file: String, line: Int) -> String? {
        lock.lock()
        defer { lock.unlock() }
        if files[file] == nil {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
            files[file] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        guard let lines = files[file], line >= 1, line <= lines.count else { return nil }
        var depth = 0, opened = false
        var collected: [Substring] = []
        var inString = false
        for l in lines[(line - 1)...] {
            collected.append(l)
            var previous: Character = " "
            var skipRest = false
            for ch in l where !skipRest {
                if ch == "\"" && previous != "\\" { inString.toggle() }
                if !inString {
                    if ch == "/" && previous == "/" { skipRest = true }
                    if ch == "{" { depth += 1; opened = true }
                    if ch == "}" { depth -= 1 }
                }
                previous = ch
            }
            if opened && depth <= 0 { break }
            if collected.count > 2000 { break }
        }
        return collected.joined(separator: "\n")
    }
}

/// Lepton's version, as it enters cache keys and run records.
public enum LeptonVersion {
    /// The release number.
    public static let number = "0.1.0"

    /// The folder holding Package.swift, when running from a source checkout.
    public static let packageRoot: URL? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) ? url : nil
    }()

    /// A hash of Lepton's library sources (or of the executable when the sources are not
    /// present): any change to the code invalidates every cache entry.
    public static let codeHash: String = {
        var hasher = SHA256()
        if let root = packageRoot {
            let sources = root.appendingPathComponent("Sources")
            let paths = (FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? [])
                .filter { $0.hasSuffix(".swift") || $0.hasSuffix(".h") || $0.hasSuffix(".modulemap") }.sorted()
            for p in paths {
                hasher.update(Array(p.utf8))
                if let data = FileManager.default.contents(atPath: sources.appendingPathComponent(p).path) { hasher.update(data) }
            }
        } else if let exe = FileManager.default.contents(atPath: "/proc/self/exe") {
            hasher.update(exe)
        }
        return SHA256.hex(hasher.finalize())
    }()

    /// "0.1.0+<first 12 hex digits of the code hash>".
    public static var string: String { "\(number)+\(codeHash.prefix(12))" }
}
