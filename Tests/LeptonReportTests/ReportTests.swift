import Foundation
import LeptonCharts
import XCTest
@testable import LeptonReport

final class ReportTests: XCTestCase {
    func testHostileStringsComeOutEscapedEverywhere() throws {
        let html = try ReportFixtures.hostile().renderHTML().html
        XCTAssertFalse(html.contains(ReportFixtures.script), "no raw <script>alert(1)</script>")
        XCTAssertFalse(html.contains(ReportFixtures.attribute), "no raw attribute break-out")
        XCTAssertFalse(html.contains("<img src=x"), "no injected image")
        XCTAssertFalse(html.contains("javascript:"))
        let escapedScript = HTML.escape(ReportFixtures.script)
        let escapedAttribute = HTML.escape(ReportFixtures.attribute)
        for context in ["<title>Title \(escapedScript)</title>", "<h1>Title \(escapedScript)</h1>",
                        "<td>cell \(escapedScript)</td>", "<td>cell \(escapedAttribute)</td>",
                        "Prose \(escapedScript) and \(escapedAttribute)", "<code>\(escapedScript)</code>",
                        "alt=\"Alt \(escapedAttribute)\"", "<figcaption>Figure \(escapedScript)</figcaption>",
                        "<dt>Key \(escapedScript)</dt><dd>Value \(escapedAttribute)</dd>",
                        "<caption>Caption \(escapedAttribute)</caption>", "<th scope=\"col\">Column \(escapedScript)</th>"] {
            XCTAssertTrue(html.contains(context), "missing escaped context: \(context)")
        }
        // The only script element is the report's own table sorter.
        XCTAssertEqual(html.components(separatedBy: "<script").count - 1, 1)
    }

    func testReportIsSelfContainedAndEveryImageDecodes() throws {
        let figures = (0..<6).map { ReportFigure(ReportFixtures.chart($0), caption: "Figure \($0)") }
        let report = Report(title: "Offline", blocks: [.section(ReportSection("Charts", blocks: figures.map { .figure($0) }))])
        let rendered = try report.renderHTML()
        XCTAssertEqual(rendered.chartCount, 6)
        let html = rendered.html
        for external in ["http://", "https://", "<link", "@import", "url("] {
            XCTAssertFalse(html.contains(external), "external reference \(external)")
        }
        let images = try Self.imageSources(in: html)
        XCTAssertEqual(images.count, 6)
        for (index, image) in images.enumerated() {
            XCTAssertTrue(image.src.hasPrefix("data:image/png;base64,"))
            let bytes = try XCTUnwrap(Data(base64Encoded: String(image.src.dropFirst("data:image/png;base64,".count))))
            let decoded = try Canvas(png: [UInt8](bytes))
            let size = figures[index].chart.size
            XCTAssertEqual(decoded.pixelWidth, Int(size.width * 2))
            XCTAssertEqual(decoded.pixelHeight, Int(size.height * 2))
            XCTAssertEqual(image.width, Int(size.width), "img width is the CSS width")
        }
        XCTAssertTrue(html.contains("name=\"viewport\""))
        XCTAssertTrue(html.contains("@media print"))
        XCTAssertTrue(html.contains("max-width: 100%; height: auto"))
    }

    func testChartsKeepReportOrderAndFailuresNameTheFigure() throws {
        let figures = (0..<4).map { ReportFigure(ReportFixtures.chart($0), caption: "Figure \($0)") }
        let html = try Report(title: "Order", blocks: figures.map { .figure($0) }).renderHTML().html
        let captions = html.components(separatedBy: "<figcaption>").dropFirst().map { $0.prefix(8) }
        XCTAssertEqual(captions, ["Figure 0", "Figure 1", "Figure 2", "Figure 3"])

        let broken = ReportFigure(.bar(BarChart(categories: ["a"], series: [BarSeries("s", values: [1, 2])])), caption: "Broken bars")
        XCTAssertThrowsError(try Report(title: "x", blocks: [.figure(broken)]).renderHTML()) { error in
            XCTAssertTrue("\(error)".contains("Broken bars"))
        }
    }

    func testMissingFontIsReportedOnce() throws {
        let missing = ChartFonts(regular: "/nonexistent/font.ttf", bold: "/nonexistent/font-bold.ttf")
        let figures = (0..<3).map { ReportBlock.figure(ReportFigure(ReportFixtures.chart($0))) }
        let rendered = try Report(title: "Fonts", blocks: figures).renderHTML(fonts: missing)
        XCTAssertEqual(rendered.warnings.count, 1)
        XCTAssertEqual(rendered.html.components(separatedBy: "class=\"notice\"").count - 1, 1)
    }

    func testTableShapeIsChecked() {
        let table = ReportTable(caption: "Bad", columns: ["a", "b"], rows: [["1", "2"], ["3"]])
        XCTAssertThrowsError(try Report(title: "x", blocks: [.table(table)]).renderHTML()) { error in
            XCTAssertEqual(error as? ReportError, .tableShape(table: "Bad", row: 1, expected: 2, actual: 1))
        }
    }

    func testClaimsTableShowsVerdictBadges() throws {
        let html = try Report(title: "Claims", blocks: [.claims([
            ClaimRow("Accuracy", claimed: "98.6%", reproduced: "98.1%", verdict: .reproduced, source: "003 §5.4"),
            ClaimRow("Speed-up", claimed: "3×", reproduced: "1.4×", verdict: .notReproduced, source: "README"),
        ])]).renderHTML().html
        XCTAssertTrue(html.contains("<span class=\"verdict reproduced\">✓ reproduced</span>"))
        XCTAssertTrue(html.contains("<span class=\"verdict not-reproduced\">✗ not reproduced</span>"))
    }

    func testWriteIsAtomicAndReportsBadPaths() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("r.html")
        try Report(title: "Written").write(to: url)
        XCTAssertTrue(try String(contentsOf: url, encoding: .utf8).contains("<h1>Written</h1>"))
        XCTAssertThrowsError(try Report(title: "x").write(to: folder.appendingPathComponent("missing/r.html"))) { error in
            XCTAssertTrue("\(error)".contains("missing/r.html"))
        }
    }

    /// Twelve charts render in under half a second in a release build (acceptance 4).
    func testTwelveChartReportRendersQuicklyInRelease() throws {
        #if DEBUG
        throw XCTSkip("timing is only meaningful in a release build: swift test -c release -Xswiftc -enable-testing --filter ReportTests")
        #else
        let report = Report(title: "Twelve", blocks: (0..<12).map { .figure(ReportFigure(ReportFixtures.chart($0))) })
        _ = try report.renderHTML()
        let start = ContinuousClock.now
        let rendered = try report.renderHTML()
        let elapsed = ContinuousClock.now - start
        print("12-chart report rendered in \(elapsed)")
        XCTAssertEqual(rendered.chartCount, 12)
        XCTAssertLessThan(elapsed, .milliseconds(500), "12-chart report took \(elapsed)")
        #endif
    }

    static func imageSources(in html: String) throws -> [(src: String, width: Int)] {
        var result: [(String, Int)] = []
        for chunk in html.components(separatedBy: "<img ").dropFirst() {
            let src = try XCTUnwrap(chunk.components(separatedBy: "src=\"").dropFirst().first?.components(separatedBy: "\"").first)
            let width = try XCTUnwrap(chunk.components(separatedBy: "width=\"").dropFirst().first?.components(separatedBy: "\"").first)
            result.append((src, Int(width) ?? -1))
        }
        return result
    }
}
