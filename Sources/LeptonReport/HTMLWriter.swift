import Foundation
import LeptonCharts

/// Writes report blocks as HTML. Every string taken from the report is passed through
/// ``HTML/escape(_:)`` here, or rendered by ``MarkdownRenderer``, which escapes the same way.
struct HTMLWriter {
    private let charts: [RenderedChart]
    private var nextChart = 0
    private var sectionIDs: Set<String> = []
    private(set) var usesSorting = false
    private let strings: ReportStrings

    /// Cells longer than this many characters are clamped to a few lines on screen; the
    /// full text stays in the cell (and in its `title`), so copying and find still work.
    static let longCell = 80

    init(charts: [RenderedChart], strings: ReportStrings = .english) {
        self.charts = charts
        self.strings = strings
    }

    mutating func blocks(_ blocks: [ReportBlock], depth: Int) -> String {
        var html = ""
        for block in blocks { html += self.block(block, depth: depth) + "\n" }
        return html
    }

    private mutating func block(_ block: ReportBlock, depth: Int) -> String {
        switch block {
        case let .markdown(source):
            return MarkdownRenderer.html(source, headingOffset: depth)
        case let .section(section):
            let level = min(6, depth)
            let id = uniqueID(for: section.title)
            return "<section aria-labelledby=\"\(id)\">\n<h\(level) id=\"\(id)\">\(HTML.escape(section.title))</h\(level)>\n"
                + blocks(section.blocks, depth: depth + 1) + "</section>"
        case let .metrics(cards):
            return "<div class=\"cards\">\n" + cards.map(card).joined(separator: "\n") + "\n</div>"
        case let .table(table):
            return self.table(table)
        case let .figure(figure):
            return self.figure(figure)
        case let .image(image):
            var html = "<figure><img src=\"data:image/png;base64,\(Data(image.png).base64EncodedString())\" "
                + "width=\"\(image.width)\" height=\"\(image.height)\" alt=\"\(HTML.escape(image.alt))\">"
            if let caption = image.caption { html += "<figcaption>\(HTML.escape(caption))</figcaption>" }
            return html + "</figure>"
        case let .claims(claims):
            return claimsTable(claims)
        case let .environment(environment):
            return "<dl class=\"environment\">\n" + environment.entries.map {
                "<dt>\(HTML.escape($0.key))</dt><dd>\(HTML.escape($0.value))</dd>"
            }.joined(separator: "\n") + "\n</dl>"
        case let .findings(findings):
            return self.findings(findings, depth: depth)
        case let .details(details):
            return "<details class=\"fold\"\(details.open ? " open" : "")><summary>\(HTML.escape(details.summary))</summary>\n"
                + blocks(details.blocks, depth: depth) + "</details>"
        case let .entries(entries):
            return "<div class=\"entries\">\n" + entries.map { entry($0, depth: depth) }.joined(separator: "\n") + "\n</div>"
        }
    }

    /// One ledger entry: the id and its verdict badge on one line, then the fields.
    private func entry(_ entry: ReportEntry, depth: Int) -> String {
        let level = min(6, depth)
        let anchor = HTML.escape(entry.id)
        var html = "<article class=\"entry\" id=\"\(anchor)\"><h\(level) class=\"entry-head\"><span class=\"entry-id\">\(anchor)</span> "
        if let verdict = entry.verdict {
            html += "<span class=\"verdict \(Self.verdictClass(verdict))\">\(Self.mark(verdict))\(HTML.escape(strings.word(for: verdict)))</span>"
        } else {
            html += "<span class=\"verdict status\">\(HTML.escape(entry.status))</span>"
        }
        if !entry.tag.isEmpty { html += " <span class=\"entry-tag\">\(HTML.escape(entry.tag))</span>" }
        html += "</h\(level)>\n<dl>"
        for field in entry.fields {
            html += "<dt>\(HTML.escape(field.label))</dt><dd\(field.language.map { " lang=\"\(HTML.escape($0))\"" } ?? "")>"
                + MarkdownRenderer.inline(field.markdown) + "</dd>"
        }
        return html + "</dl></article>"
    }

    private mutating func findings(_ findings: Findings, depth: Int) -> String {
        let level = min(6, depth)
        let id = uniqueID(for: "findings")
        var html = "<section class=\"findings\" aria-labelledby=\"\(id)\">\n"
            + "<h\(level) id=\"\(id)\">\(HTML.escape(strings.findings))</h\(level)>\n"
        if let question = findings.question {
            html += "<div class=\"question\"><span class=\"label\">\(HTML.escape(strings.question))</span>\n"
                + MarkdownRenderer.html(question, headingOffset: depth) + "</div>\n"
        }
        if let answer = findings.answer {
            html += "<div class=\"answer\"><span class=\"label\">\(HTML.escape(strings.answer))</span>\n"
                + MarkdownRenderer.html(answer, headingOffset: depth) + "</div>\n"
        }
        let counts = findings.verdictCounts
        if counts.isEmpty {
            html += "<p class=\"verdicts\">\(HTML.escape(strings.noClaims))</p>\n"
        } else {
            html += "<p class=\"verdicts\"><span class=\"label\">\(HTML.escape(strings.claims))</span> " + counts.map { entry in
                "<span class=\"verdict \(Self.verdictClass(entry.verdict))\">\(Self.mark(entry.verdict))"
                    + "\(entry.count) \(HTML.escape(strings.word(for: entry.verdict)))</span>"
            }.joined(separator: " ") + "</p>\n"
        }
        if !findings.metrics.isEmpty { html += block(.metrics(findings.metrics), depth: depth + 1) + "\n" }
        if let figure = findings.figure {
            html += self.figure(figure) + "\n"
        } else if let image = findings.image {
            html += block(.image(image), depth: depth + 1) + "\n"
        }
        return html + "</section>"
    }

    private static func verdictClass(_ verdict: ClaimRow.Verdict) -> String {
        verdict.rawValue.replacingOccurrences(of: " ", with: "-")
    }

    private static func mark(_ verdict: ClaimRow.Verdict) -> String {
        switch verdict {
        case .reproduced: return "✓ "
        case .notReproduced: return "✗ "
        case .inconclusive: return "? "
        case .definitional: return "≡ "
        }
    }

    private mutating func uniqueID(for title: String) -> String {
        let slug = title.lowercased().unicodeScalars.map { scalar -> String in
            CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII ? String(scalar) : "-"
        }.joined().split(separator: "-").joined(separator: "-")
        let base = "section-" + (slug.isEmpty ? "\(sectionIDs.count + 1)" : slug)
        var id = base
        var counter = 2
        while sectionIDs.contains(id) {
            id = "\(base)-\(counter)"
            counter += 1
        }
        sectionIDs.insert(id)
        return HTML.escape(id)
    }

    private func card(_ card: MetricCard) -> String {
        var html = "<div class=\"card\"><div class=\"label\">\(HTML.escape(card.label))</div>"
        html += "<div class=\"value\">\(HTML.escape(card.formatted(card.value)))"
        if let unit = card.unit { html += "<span class=\"unit\">\(HTML.escape(unit))</span>" }
        html += "</div>"
        if let interval = card.interval {
            html += "<div class=\"delta neutral\">\(HTML.escape("95 % CI \(card.formatted(interval.lowerBound))–\(card.formatted(interval.upperBound))"))</div>"
        }
        if let baseline = card.baseline, let delta = card.delta, let trend = card.trend {
            let arrow = delta > 0 ? "▲" : delta < 0 ? "▼" : "="
            let sign = delta > 0 ? "+" : delta < 0 ? "−" : "±"
            let word: String
            let style: String
            switch trend {
            case .better: (word, style) = (strings.better, "better")
            case .worse: (word, style) = (strings.worse, "worse")
            case .unchanged: (word, style) = (strings.unchanged, "unchanged")
            case .neutral: (word, style) = (strings.changed, "neutral")
            }
            let text = "\(arrow) \(sign)\(card.formatted(abs(delta))) \(card.baselineLabel ?? strings.versusBaseline) \(card.formatted(baseline)) (\(word))"
            html += "<div class=\"delta \(style)\">\(HTML.escape(text))</div>"
        }
        return html + "</div>"
    }

    private mutating func table(_ table: ReportTable) -> String {
        usesSorting = usesSorting || table.sortable
        var html = "<div class=\"table-wrap\"><table\(table.sortable ? " class=\"sortable\"" : "")>"
        if let caption = table.caption { html += "<caption>\(HTML.escape(caption))</caption>" }
        html += "<thead><tr>" + table.columns.map { column in
            "<th scope=\"col\"\(column.count > Self.longCell ? " class=\"long\"" : "")>\(HTML.escape(column))</th>"
        }.joined() + "</tr></thead><tbody>\n"
        for row in table.rows {
            html += "<tr>" + row.map(cell).joined() + "</tr>\n"
        }
        html += "</tbody></table></div>"
        guard let limit = table.foldAfterRows, table.rows.count > limit else { return html }
        let summary = [table.caption, strings.rows(table.rows.count)].compactMap { $0 }.joined(separator: " · ")
        return "<details class=\"fold\"><summary>\(HTML.escape(summary))</summary>\n" + html + "\n</details>"
    }

    /// One cell: numbers right-aligned with their sort value; long text clamped on
    /// screen with the whole text kept in the cell and its `title`.
    private func cell(_ cell: TableCell) -> String {
        if let value = cell.sortValue, value.isFinite {
            return "<td class=\"num\" data-value=\"\(HTML.escape(String(value)))\">\(HTML.escape(cell.text))</td>"
        }
        if cell.text.count > Self.longCell {
            let text = HTML.escape(cell.text)
            return "<td class=\"long\" title=\"\(text)\"><span class=\"clamp\">\(text)</span></td>"
        }
        return "<td>\(HTML.escape(cell.text))</td>"
    }

    private mutating func figure(_ figure: ReportFigure) -> String {
        guard nextChart < charts.count else { return "" }
        let chart = charts[nextChart]
        nextChart += 1
        let data = Data(chart.png).base64EncodedString()
        var html = "<figure><img src=\"data:image/png;base64,\(data)\" width=\"\(Int(chart.size.width))\" "
            + "height=\"\(Int(chart.size.height))\" alt=\"\(HTML.escape(figure.altText))\">"
        if let caption = figure.caption { html += "<figcaption>\(HTML.escape(caption))</figcaption>" }
        if !chart.shortenedTexts.isEmpty {
            html += "<details class=\"labels\"><summary>\(HTML.escape(strings.shortenedLabels))</summary><ul>"
                + chart.shortenedTexts.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul></details>"
        }
        return html + "</figure>"
    }

    private func claimsTable(_ claims: [ClaimRow]) -> String {
        var html = "<div class=\"table-wrap\"><table class=\"claims\"><caption>\(HTML.escape(strings.claimsCaption))</caption>"
        html += "<thead><tr>" + strings.claimColumns.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined()
        html += "</tr></thead><tbody>\n"
        for claim in claims {
            html += "<tr>" + cell(TableCell(claim.subject)) + cell(TableCell(claim.claimed)) + cell(TableCell(claim.reproduced))
            html += "<td><span class=\"verdict \(Self.verdictClass(claim.verdict))\">\(Self.mark(claim.verdict))"
            html += "\(HTML.escape(strings.word(for: claim.verdict)))</span></td>"
            html += cell(TableCell(claim.provenance.isEmpty ? "—" : claim.provenance)) + cell(TableCell(claim.source)) + "</tr>\n"
        }
        return html + "</tbody></table></div>"
    }
}
