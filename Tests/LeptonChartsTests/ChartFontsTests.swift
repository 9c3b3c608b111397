import XCTest
@testable import LeptonCharts

final class ChartFontsTests: XCTestCase {
    private let chart = Chart.bar(BarChart(title: "Fonts", categories: ["a", "b"], series: [BarSeries("s", values: [1, 2])]))

    func testMissingFontFallsBackToBuiltInFontWithOneWarning() throws {
        let missing = ChartFonts(regular: "/nonexistent/Lepton-Missing.ttf", bold: "/nonexistent/Lepton-Missing-Bold.ttf")
        let rendered = try chart.render(fonts: missing)
        XCTAssertEqual(rendered.warnings.count, 1)
        guard case let .fontFallback(path, _)? = rendered.warnings.first else { return XCTFail("expected a font warning") }
        XCTAssertEqual(path, missing.regular)
        XCTAssertTrue(rendered.warnings[0].description.contains("built-in"))
        // Text is still drawn: the title area has dark pixels.
        let decoded = try DecodedChart(chart, fonts: missing)
        XCTAssertGreaterThan(decoded.count(Palette.ink, in: Rect(x: 8, y: 8, width: 60, height: 16), tolerance: 40), 10)
    }

    func testDejaVuRendersWithoutWarning() throws {
        // Depends on Debian's fonts-dejavu-core, which scripts/setup.sh installs.
        guard FileManager.default.fileExists(atPath: ChartFonts.dejaVu.regular) else {
            throw XCTSkip("fonts-dejavu-core is not installed")
        }
        let rendered = try chart.render()
        XCTAssertTrue(rendered.warnings.isEmpty)
        let decoded = try DecodedChart(chart)
        XCTAssertGreaterThan(decoded.count(Palette.ink, in: Rect(x: 8, y: 8, width: 60, height: 16), tolerance: 40), 10)
    }

    func testMeasuredTextGrowsWithSize() throws {
        let (engine, warning) = ChartFonts.dejaVu.resolve()
        XCTAssertNil(warning)
        let canvas = try Canvas(width: 100, height: 100, scale: 2, textEngine: engine)
        let small = canvas.measure("Latency", TextStyle(size: 10))
        let large = canvas.measure("Latency", TextStyle(size: 20))
        XCTAssertGreaterThan(small.width, 20)
        XCTAssertEqual(large.width / small.width, 2, accuracy: 0.2)
    }
}
