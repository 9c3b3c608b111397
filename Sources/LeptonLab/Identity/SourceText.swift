/// Finds where a block of Swift source ends, for ``CodeIdentity``.
enum SourceText {
    /// The 1-based line range from `start` to the line where the braces opened from there
    /// balance again, skipping string literals (single- and multi-line, with escapes and
    /// interpolation) and comments. Nil when `start` is outside the file or no brace opens.
    static func braceRange(in lines: [Substring], from start: Int) -> ClosedRange<Int>? {
        guard start >= 1, start <= lines.count else { return nil }
        var scanner = Scanner()
        for index in (start - 1)..<lines.count {
            scanner.scan(lines[index])
            if scanner.opened && scanner.depth <= 0 { return start...(index + 1) }
        }
        return nil
    }

    private struct Scanner {
        var depth = 0
        var opened = false
        var inBlockComment = 0
        var inMultiline = false
        /// Open string interpolations, innermost last: the depth at which each closes and
        /// whether its literal is multi-line.
        var interpolations: [(depth: Int, multiline: Bool)] = []
        var inString = false

        mutating func scan(_ line: Substring) {
            let chars = Array(line)
            var i = 0
            while i < chars.count {
                let c = chars[i], next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
                if inBlockComment > 0 {
                    if c == "*" && next == "/" { inBlockComment -= 1; i += 2; continue }
                    if c == "/" && next == "*" { inBlockComment += 1; i += 2; continue }
                    i += 1; continue
                }
                if inString || inMultiline {
                    if c == "\\" && next == "(" {
                        interpolations.append((depth, inMultiline))
                        depth += 1; inString = false; inMultiline = false; i += 2; continue
                    }
                    if c == "\\" { i += 2; continue }
                    if inMultiline && c == "\"" && next == "\"" && i + 2 < chars.count && chars[i + 2] == "\"" {
                        inMultiline = false; i += 3; continue
                    }
                    if inString && c == "\"" { inString = false }
                    i += 1; continue
                }
                if c == "/" && next == "/" { return }
                if c == "/" && next == "*" { inBlockComment += 1; i += 2; continue }
                if c == "\"" {
                    if next == "\"" && i + 2 < chars.count && chars[i + 2] == "\"" { inMultiline = true; i += 3; continue }
                    inString = true; i += 1; continue
                }
                if c == "{" || c == "(" { depth += 1; if c == "{" { opened = true } }
                if c == "}" || c == ")" {
                    depth -= 1
                    if let open = interpolations.last, depth == open.depth {
                        interpolations.removeLast()
                        if open.multiline { inMultiline = true } else { inString = true }
                    }
                }
                i += 1
            }
            if inString { inString = false }        // a single-line literal cannot span lines
        }
    }
}
