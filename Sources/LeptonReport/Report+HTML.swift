import Foundation
import LeptonCharts

extension Report {
    /// Renders the report as one self-contained HTML document.
    ///
    /// Charts are drawn with libgd at `scale` (2 = sharp on high-density screens) and
    /// embedded as `data:` PNG URIs at their CSS size. The two cores of a small machine
    /// are used: charts render concurrently. Every string from the report passes
    /// through ``HTML/escape(_:)``.
    public func renderHTML(scale: Double = 2, fonts: ChartFonts = .dejaVu) throws(ReportError) -> RenderedReport {
        try validateTables(blocks)
        let figures = figures
        let charts = try Self.renderCharts(figures, scale: scale, fonts: fonts)
        let warnings = Self.mergedWarnings(charts.flatMap(\.warnings))
        var writer = HTMLWriter(charts: charts, strings: language.strings)
        var html = """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="generator" content="Lepton">
        <title>\(HTML.escape(title))</title>
        <style>
        \(ReportStyle.css)
        </style>
        </head>
        <body>
        <main>
        <header class="report-header">
        <h1>\(HTML.escape(title))</h1>

        """
        if let subtitle { html += "<p class=\"subtitle\">\(HTML.escape(subtitle))</p>\n" }
        html += "</header>\n"
        for warning in warnings {
            html += "<p class=\"notice\" role=\"note\">\(HTML.escape(warning.description))</p>\n"
        }
        html += writer.blocks(blocks, depth: 2)
        html += "<footer>\(HTML.escape(language.strings.footer))</footer>\n"
        html += "</main>\n"
        if writer.usesSorting { html += "<script>\n\(ReportStyle.sortScript)\n</script>\n" }
        html += "</body>\n</html>\n"
        return RenderedReport(html: html, chartCount: charts.count, warnings: warnings)
    }

    /// Renders and writes the report to `url` atomically (a temporary file moved into place).
    @discardableResult
    public func write(to url: URL, scale: Double = 2, fonts: ChartFonts = .dejaVu) throws(ReportError) -> RenderedReport {
        let rendered = try renderHTML(scale: scale, fonts: fonts)
        do {
            try Data(rendered.html.utf8).write(to: url, options: .atomic)
        } catch {
            throw .writeFailed(path: url.path, reason: error.localizedDescription)
        }
        return rendered
    }

    /// Each warning once; the characters of every missing-glyph warning merged into one.
    static func mergedWarnings(_ all: [ChartWarning]) -> [ChartWarning] {
        var warnings: [ChartWarning] = []
        var missing = String.UnicodeScalarView()
        for warning in all {
            if case let .missingGlyphs(characters) = warning {
                for scalar in characters.unicodeScalars where !missing.contains(scalar) { missing.append(scalar) }
            } else if !warnings.contains(warning) {
                warnings.append(warning)
            }
        }
        if !missing.isEmpty { warnings.append(.missingGlyphs(characters: String(missing))) }
        return warnings
    }

    private func validateTables(_ blocks: [ReportBlock]) throws(ReportError) {
        for block in blocks {
            switch block {
            case let .table(table):
                for (index, row) in table.rows.enumerated() where row.count != table.columns.count {
                    throw .tableShape(table: table.caption ?? table.columns.joined(separator: ", "), row: index,
                                      expected: table.columns.count, actual: row.count)
                }
            case let .section(section):
                try validateTables(section.blocks)
            case let .details(details):
                try validateTables(details.blocks)
            default:
                continue
            }
        }
    }

    /// Renders every figure's chart, two at a time, keeping report order.
    private static func renderCharts(_ figures: [ReportFigure], scale: Double, fonts: ChartFonts) throws(ReportError) -> [RenderedChart] {
        let results = ChartResults(count: figures.count)
        DispatchQueue.concurrentPerform(iterations: figures.count) { index in
            let figure = figures[index]
            do throws(ChartError) {
                results.set(index, .success(try figure.chart.render(scale: scale, fonts: fonts)))
            } catch {
                results.set(index, .failure(error))
            }
        }
        var charts: [RenderedChart] = []
        for (index, result) in results.values.enumerated() {
            switch result {
            case let .success(chart)?: charts.append(chart)
            case let .failure(error)?: throw .chartFailed(figure: figures[index].caption ?? figures[index].altText, error)
            case nil: throw .chartFailed(figure: figures[index].altText, .encodingFailed(format: "PNG"))
            }
        }
        return charts
    }
}

/// Results of concurrent chart renders, one slot per figure, guarded by a lock.
private final class ChartResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<RenderedChart, ChartError>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<RenderedChart, ChartError>) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var values: [Result<RenderedChart, ChartError>?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
