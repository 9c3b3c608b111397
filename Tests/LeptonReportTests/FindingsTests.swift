import Foundation
import XCTest
import LeptonCharts
@testable import LeptonReport

/// The answer first, long content folded or clamped, chrome in the reader's language.
/// Chart rendering needs `fonts-dejavu-core` and `fonts-wqy-zenhei` (scripts/setup.sh).
final class FindingsTests: XCTestCase {
    private func html(_ report: Report) throws -> String {
        try report.renderHTML().html
    }

    func testFindingsComeFirstWithCountsMetricsAndChart() throws {
        let report = ReportFixtures.readers()
        let html = try html(report)
        let findings = try XCTUnwrap(html.range(of: "<section class=\"findings\""))
        let firstTable = try XCTUnwrap(html.range(of: "<table"))
        let firstImage = try XCTUnwrap(html.range(of: "<img"))
        XCTAssertLessThan(findings.lowerBound, firstTable.lowerBound, "findings come before every table")
        XCTAssertLessThan(findings.lowerBound, firstImage.lowerBound)
        let end = try XCTUnwrap(html.range(of: "</section>", range: findings.upperBound..<html.endIndex))
        let block = String(html[findings.lowerBound..<end.upperBound])
        XCTAssertTrue(block.contains("<h2 id=\"section-findings\">Findings</h2>"))
        XCTAssertTrue(block.contains("<strong>0.98</strong>"), "the question is the experiment's own Markdown")
        XCTAssertTrue(block.contains("✓ 1 reproduced"))
        XCTAssertTrue(block.contains("✗ 1 not reproduced"))
        XCTAssertFalse(block.contains("inconclusive"), "verdicts no claim got are left out")
        XCTAssertTrue(block.contains("class=\"card\""))
        XCTAssertTrue(block.contains("<img src=\"data:image/png;base64,"), "the first chart is in the findings")
        XCTAssertEqual(Findings().verdictCounts.count, 0)
    }

    func testLongTablesFoldAndLongCellsKeepTheirFullText() throws {
        let html = try html(ReportFixtures.readers())
        XCTAssertTrue(html.contains("<details class=\"fold\"><summary>Cells \(ReportFixtures.long) · 20 rows</summary>"))
        XCTAssertEqual(html.components(separatedBy: "<details class=\"fold\">").count - 1, 1, "the one-row table is not folded")
        let escaped = HTML.escape(ReportFixtures.long)
        XCTAssertTrue(html.contains("<td class=\"long\" title=\"\(escaped)\"><span class=\"clamp\">\(escaped)</span></td>"))
        XCTAssertFalse(html.contains(ReportFixtures.script), "hostile text is still escaped")
    }

    func testShortenedChartLabelsAreListedInFullUnderTheFigure() throws {
        let html = try html(ReportFixtures.readers())
        XCTAssertTrue(html.contains("<details class=\"labels\"><summary>Full text of labels shortened in the chart</summary><ul>"))
        XCTAssertTrue(html.contains("<li>\(HTML.escape(ReportFixtures.long))</li>"))
        XCTAssertTrue(html.contains("alt=\"准确率 \(HTML.escape(ReportFixtures.attribute))\""), "alt text is exact")
        XCTAssertTrue(html.contains("<figcaption>图 1：\(ReportFixtures.long)</figcaption>"), "caption is exact")
    }

    func testEmojiInAChartGivesOneNoticeNamingIt() throws {
        let rendered = try ReportFixtures.readers().renderHTML()
        let glyphWarnings = rendered.warnings.filter { if case .missingGlyphs = $0 { return true } else { return false } }
        XCTAssertEqual(glyphWarnings, [.missingGlyphs(characters: "🦀😀")])
        XCTAssertEqual(rendered.html.components(separatedBy: "U+1F980").count - 1, 1, "shown once in the report")
    }

    func testChineseChromeLeavesTheExperimentsTextAlone() throws {
        let html = try html(ReportFixtures.readers(language: .zh))
        XCTAssertTrue(html.contains("<html lang=\"zh\">"))
        XCTAssertTrue(html.contains(">结论摘要</h2>"))
        XCTAssertTrue(html.contains("<caption>本次运行检验的论断</caption>"))
        XCTAssertTrue(html.contains("<th scope=\"col\">声称值</th>"))
        XCTAssertTrue(html.contains("✗ 未复现"))
        XCTAssertTrue(html.contains("对比基线"))
        XCTAssertTrue(html.contains("20 行</summary>"))
        XCTAssertTrue(html.contains("由 Lepton 生成"))
        XCTAssertFalse(html.contains("Claims checked by this run"))
        XCTAssertFalse(html.contains(">Findings<"))
        XCTAssertTrue(html.contains("Prose &lt;script&gt;"), "the experiment's prose is untouched")
        XCTAssertEqual(ReportLanguage(code: "zh-CN"), .zh)
        XCTAssertNil(ReportLanguage(code: "xx"))
    }

    func testDetailsBlockFoldsItsFiguresInOrder() throws {
        let report = Report(title: "t", blocks: [
            .details(ReportDetails("More charts", blocks: [.figure(ReportFigure(ReportFixtures.chart(0), caption: "A"))])),
            .figure(ReportFigure(ReportFixtures.chart(1), caption: "B")),
        ])
        XCTAssertEqual(report.figures.map(\.caption), ["A", "B"])
        let html = try html(report)
        XCTAssertTrue(html.contains("<details class=\"fold\"><summary>More charts</summary>"))
        XCTAssertEqual(html.components(separatedBy: "<img").count - 1, 2)
    }
}

final class FindingsImageTests: XCTestCase {
    func testFirstDrawnImageMovesIntoTheFindings() throws {
        let png = try ReportFixtures.chart(0).render().png
        var report = Report(title: "t", blocks: [
            .table(ReportTable(columns: ["a"], rows: [["1"]])),
            .section(ReportSection("Cell: train", blocks: [.markdown("ran"), .image(ReportImage(png: png, width: 640, height: 360, alt: "first")),
                                                           .image(ReportImage(png: png, width: 640, height: 360, alt: "second"))])),
        ])
        let image = report.removeFirstImage()
        XCTAssertEqual(image?.alt, "first")
        report.blocks.insert(.findings(Findings(question: "Why?", image: image)), at: 0)
        let html = try report.renderHTML().html
        let findings = try XCTUnwrap(html.range(of: "class=\"findings\""))
        let first = try XCTUnwrap(html.range(of: "alt=\"first\""))
        let second = try XCTUnwrap(html.range(of: "alt=\"second\""))
        XCTAssertLessThan(findings.lowerBound, first.lowerBound)
        XCTAssertLessThan(first.lowerBound, try XCTUnwrap(html.range(of: "<table")).lowerBound, "the chart comes before the tables")
        XCTAssertLessThan(first.lowerBound, second.lowerBound)
        XCTAssertEqual(html.components(separatedBy: "alt=\"first\"").count - 1, 1, "moved, not copied")
    }
}
