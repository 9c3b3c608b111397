import Foundation

/// A small, safe Markdown renderer for report prose. (LeptonLab's `Markdown` is the
/// notebook component that holds such prose.)
///
/// Supported: paragraphs, `#`–`######` headings, `-`/`*` and `1.` lists, `>` quotes,
/// fenced code blocks, pipe tables (`| a | b |` with a `|---|---|` delimiter row),
/// code spans, `**strong**`, `*emphasis*`/`_emphasis_` and `[links](https://…)`. Raw HTML is never passed through: every character of the
/// source is escaped with ``HTML/escape(_:)`` and link targets go through
/// ``HTML/safeURL(_:)``. Headings are shifted down by `headingOffset` levels so prose
/// inside a section never outranks the section title.
public enum MarkdownRenderer {
    /// The cells of a pipe-table row, trimmed (an escaped `\|` stays in its cell).
    static func tableCells(_ row: String) -> [String] {
        var body = Substring(row)
        if body.hasPrefix("|") { body = body.dropFirst() }
        if body.hasSuffix("|") && !body.hasSuffix("\\|") { body = body.dropLast() }
        var cells: [String] = [], current = ""
        var previous: Character = " "
        for ch in body {
            if ch == "|" && previous != "\\" { cells.append(current); current = "" } else { current.append(ch) }
            previous = ch
        }
        cells.append(current)
        return cells.map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\\|", with: "|") }
    }

    /// The HTML for `source`.
    public static func html(_ source: String, headingOffset: Int = 2) -> String {
        var output: [String] = []
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        var quote: [String] = []
        var code: [String]?
        var table: [String] = []

        func flushParagraph() {
            if !paragraph.isEmpty {
                output.append("<p>\(inline(paragraph.joined(separator: " ")))</p>")
                paragraph = []
            }
        }
        func flushList() {
            if let current = list {
                let tag = current.ordered ? "ol" : "ul"
                output.append("<\(tag)>" + current.items.map { "<li>\(inline($0))</li>" }.joined() + "</\(tag)>")
                list = nil
            }
        }
        func flushQuote() {
            if !quote.isEmpty {
                output.append("<blockquote><p>\(inline(quote.joined(separator: " ")))</p></blockquote>")
                quote = []
            }
        }
        func flushTable() {
            guard !table.isEmpty else { return }
            let rows = table.map(tableCells)
            if rows.count >= 2, rows[1].allSatisfy({ $0.allSatisfy { "-:".contains($0) } && !$0.isEmpty }) {
                var html = "<div class=\"table-wrap\"><table><thead><tr>"
                html += rows[0].map { "<th scope=\"col\">\(inline($0))</th>" }.joined() + "</tr></thead><tbody>"
                for row in rows.dropFirst(2) {
                    html += "<tr>" + row.map { "<td>\(inline($0))</td>" }.joined() + "</tr>"
                }
                output.append(html + "</tbody></table></div>")
            } else {
                output.append("<p>\(inline(table.joined(separator: " ")))</p>")
            }
            table = []
        }
        func flushAll() {
            flushParagraph()
            flushList()
            flushQuote()
            flushTable()
        }

        for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine).replacingOccurrences(of: "\r", with: "")
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if code != nil {
                if trimmed.hasPrefix("```") {
                    output.append("<pre><code>\(HTML.escape((code ?? []).joined(separator: "\n")))</code></pre>")
                    code = nil
                } else {
                    code?.append(line)
                }
                continue
            }
            if trimmed.hasPrefix("```") {
                flushAll()
                code = []
                continue
            }
            if trimmed.isEmpty {
                flushAll()
                continue
            }
            if trimmed.hasPrefix("|") && paragraph.isEmpty && list == nil && quote.isEmpty {
                table.append(trimmed)
                continue
            }
            flushTable()
            if let heading = headingLevel(trimmed) {
                flushAll()
                let level = min(6, heading.level + headingOffset)
                output.append("<h\(level)>\(inline(heading.text))</h\(level)>")
                continue
            }
            if let item = listItem(trimmed) {
                flushParagraph()
                flushQuote()
                if list?.ordered != item.ordered { flushList() }
                if list == nil { list = (item.ordered, []) }
                list?.items.append(item.text)
                continue
            }
            if trimmed.hasPrefix(">") {
                flushParagraph()
                flushList()
                quote.append(String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces))
                continue
            }
            if var current = list, line.hasPrefix("  "), !current.items.isEmpty {
                current.items[current.items.count - 1] += " " + trimmed
                list = current
                continue
            }
            flushList()
            flushQuote()
            paragraph.append(trimmed)
        }
        if let code { output.append("<pre><code>\(HTML.escape(code.joined(separator: "\n")))</code></pre>") }
        flushAll()
        return output.joined(separator: "\n")
    }

    private static func headingLevel(_ line: String) -> (level: Int, text: String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.first == " " else { return nil }
        return (hashes, rest.trimmingCharacters(in: .whitespaces))
    }

    private static func listItem(_ line: String) -> (ordered: Bool, text: String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") {
            return (false, String(line.dropFirst(2)))
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 9 {
            let rest = line.dropFirst(digits.count)
            if rest.hasPrefix(". ") || rest.hasPrefix(") ") { return (true, String(rest.dropFirst(2))) }
        }
        return nil
    }

    /// Inline markup: code spans, links, strong and emphasis; everything else escaped.
    static func inline(_ text: String) -> String {
        let characters = Array(text)
        var output = ""
        var index = 0
        var plain = ""
        func flushPlain() {
            output += HTML.escape(plain)
            plain = ""
        }
        while index < characters.count {
            let character = characters[index]
            if character == "\\", index + 1 < characters.count, "\\`*_[]()#+-.!>".contains(characters[index + 1]) {
                plain.append(characters[index + 1])
                index += 2
                continue
            }
            if character == "`", let close = find("`", in: characters, from: index + 1) {
                flushPlain()
                output += "<code>\(HTML.escape(String(characters[(index + 1)..<close])))</code>"
                index = close + 1
                continue
            }
            if character == "[", let closeText = find("]", in: characters, from: index + 1),
               closeText + 1 < characters.count, characters[closeText + 1] == "(",
               let closeURL = matchingParenthesis(in: characters, from: closeText + 2) {
                flushPlain()
                let label = inline(String(characters[(index + 1)..<closeText]))
                let target = String(characters[(closeText + 2)..<closeURL])
                if let href = HTML.safeURL(target) {
                    output += "<a href=\"\(href)\">\(label)</a>"
                } else {
                    output += label
                }
                index = closeURL + 1
                continue
            }
            if (character == "*" || character == "_"), index + 1 < characters.count, characters[index + 1] == character,
               let close = findPair(character, in: characters, from: index + 2), close > index + 2 {
                flushPlain()
                output += "<strong>\(inline(String(characters[(index + 2)..<close])))</strong>"
                index = close + 2
                continue
            }
            // `_` emphasises only at word boundaries (as in GitHub's Markdown), so P_i and
            // snake_case stay as written.
            let opensWord = character != "_" || index == 0 || !(characters[index - 1].isLetter || characters[index - 1].isNumber)
            if character == "*" || character == "_", opensWord, index + 1 < characters.count, characters[index + 1] != " ",
               let close = find(character, in: characters, from: index + 1), close > index + 1,
               characters[close - 1] != " ",
               character != "_" || close + 1 >= characters.count || !(characters[close + 1].isLetter || characters[close + 1].isNumber) {
                flushPlain()
                output += "<em>\(inline(String(characters[(index + 1)..<close])))</em>"
                index = close + 1
                continue
            }
            plain.append(character)
            index += 1
        }
        flushPlain()
        return output
    }

    private static func find(_ target: Character, in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index < characters.count {
            if characters[index] == target { return index }
            index += 1
        }
        return nil
    }

    /// The index of the `)` that closes a link target starting at `start`, allowing
    /// balanced parentheses inside the target.
    private static func matchingParenthesis(in characters: [Character], from start: Int) -> Int? {
        var depth = 0
        var index = start
        while index < characters.count {
            switch characters[index] {
            case "(": depth += 1
            case ")":
                if depth == 0 { return index }
                depth -= 1
            default: break
            }
            index += 1
        }
        return nil
    }

    private static func findPair(_ target: Character, in characters: [Character], from start: Int) -> Int? {
        var index = start
        while index + 1 < characters.count {
            if characters[index] == target, characters[index + 1] == target { return index }
            index += 1
        }
        return nil
    }
}
