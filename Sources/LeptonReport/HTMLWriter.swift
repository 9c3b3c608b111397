import Foundation
import LeptonCharts

/// Writes report blocks as HTML. Every string taken from the report is passed through
/// ``HTML/escape(_:)`` here, or rendered by ``Markdown``, which escapes the same way.
struct HTMLWriter {
    private let charts: [RenderedChart]
    private var nextChart = 0
    private var sectionIDs: Set<String> = []
    private(set) var usesSorting = false

    init(charts: [RenderedChart]) {
        self.charts = charts
    }

    mutating func blocks(_ blocks: [ReportBlock], depth: Int) -> String {
        var html = ""
        for block in blocks { html += self.block(block, depth: depth) + "\n" }
        return html
    }

    private mutating func block(_ block: ReportBlock, depth: Int) -> String {
        switch block {
        case let .markdown(source):
            return Markdown.html(source, headingOffset: depth)
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
        }
    }

    private mutating func uniqueID(for title: String) -> String {
        let slug = title.lowercased().unicodeScalars.map { scalar -> String in
            CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII ? String(scalar) : "-"
        }.joined().split(separator: "-").joined(separator: "-")
        var id = "section-" + (slug.isEmpty ? "untitled" : slug)
        var counter = 2
        while sectionIDs.contains(id) {
            id = "section-\(slug)-\(counter)"
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
        if let baseline = card.baseline, let delta = card.delta, let trend = card.trend {
            let arrow = delta > 0 ? "▲" : delta < 0 ? "▼" : "="
            let sign = delta > 0 ? "+" : delta < 0 ? "−" : "±"
            let word: String
            switch trend {
            case .better: word = "better"
            case .worse: word = "worse"
            case .unchanged: word = "unchanged"
            case .neutral: word = "changed"
            }
            let text = "\(arrow) \(sign)\(card.formatted(abs(delta))) vs baseline \(card.formatted(baseline)) (\(word))"
            html += "<div class=\"delta \(word == "changed" ? "neutral" : word)\">\(HTML.escape(text))</div>"
        }
        return html + "</div>"
    }

    private mutating func table(_ table: ReportTable) -> String {
        usesSorting = usesSorting || table.sortable
        var html = "<div class=\"table-wrap\"><table\(table.sortable ? " class=\"sortable\"" : "")>"
        if let caption = table.caption { html += "<caption>\(HTML.escape(caption))</caption>" }
        html += "<thead><tr>" + table.columns.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined() + "</tr></thead><tbody>\n"
        for row in table.rows {
            html += "<tr>" + row.map { cell in
                if let value = cell.sortValue, value.isFinite {
                    return "<td class=\"num\" data-value=\"\(HTML.escape(String(value)))\">\(HTML.escape(cell.text))</td>"
                }
                return "<td>\(HTML.escape(cell.text))</td>"
            }.joined() + "</tr>\n"
        }
        return html + "</tbody></table></div>"
    }

    private mutating func figure(_ figure: ReportFigure) -> String {
        guard nextChart < charts.count else { return "" }
        let chart = charts[nextChart]
        nextChart += 1
        let data = Data(chart.png).base64EncodedString()
        var html = "<figure><img src=\"data:image/png;base64,\(data)\" width=\"\(Int(chart.size.width))\" "
            + "height=\"\(Int(chart.size.height))\" alt=\"\(HTML.escape(figure.altText))\">"
        if let caption = figure.caption { html += "<figcaption>\(HTML.escape(caption))</figcaption>" }
        return html + "</figure>"
    }

    private func claimsTable(_ claims: [Claim]) -> String {
        var html = "<div class=\"table-wrap\"><table class=\"claims\"><caption>Claims checked by this run</caption>"
        html += "<thead><tr><th scope=\"col\">Claim</th><th scope=\"col\">Claimed</th><th scope=\"col\">Reproduced</th>"
        html += "<th scope=\"col\">Verdict</th><th scope=\"col\">Source</th></tr></thead><tbody>\n"
        for claim in claims {
            let verdictClass = claim.verdict.rawValue.replacingOccurrences(of: " ", with: "-")
            let mark: String
            switch claim.verdict {
            case .reproduced: mark = "✓ "
            case .notReproduced: mark = "✗ "
            case .inconclusive: mark = "? "
            }
            html += "<tr><td>\(HTML.escape(claim.subject))</td><td>\(HTML.escape(claim.claimed))</td>"
            html += "<td>\(HTML.escape(claim.reproduced))</td>"
            html += "<td><span class=\"verdict \(verdictClass)\">\(mark)\(HTML.escape(claim.verdict.rawValue))</span></td>"
            html += "<td>\(HTML.escape(claim.source))</td></tr>\n"
        }
        return html + "</tbody></table></div>"
    }
}
