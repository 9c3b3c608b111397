import XCTest
@testable import LeptonCharts

final class CanvasTests: XCTestCase {
    func testPNGRoundTripKeepsSizeAndPixels() throws {
        let canvas = try Canvas(width: 50, height: 20, scale: 2, textEngine: .builtIn)
        canvas.fill(Rect(x: 10, y: 5, width: 10, height: 5), Palette.series(1))
        let decoded = try Canvas(png: try canvas.png())
        XCTAssertEqual(decoded.pixelWidth, 100)
        XCTAssertEqual(decoded.pixelHeight, 40)
        XCTAssertEqual(decoded.color(atPixelX: 0, y: 0), Palette.background)
        XCTAssertEqual(decoded.color(atPixelX: 25, y: 12), Palette.series(1))
        XCTAssertEqual(decoded.color(atPixelX: 40, y: 12), Palette.background, "right edge is exclusive")
        XCTAssertNil(decoded.color(atPixelX: 100, y: 0))
    }

    func testDecodingGarbageThrows() {
        XCTAssertThrowsError(try Canvas(png: [1, 2, 3, 4])) { error in
            XCTAssertEqual(error as? ChartError, .decodingFailed(byteCount: 4))
        }
        XCTAssertThrowsError(try Canvas(png: []))
    }

    func testRejectsImpossibleSizes() {
        XCTAssertThrowsError(try Canvas(width: 0, height: 10, scale: 2, textEngine: .builtIn))
        XCTAssertThrowsError(try Chart.line(LineChart(series: [LineSeries("s", x: [1], y: [1])], size: ChartSize(width: -1, height: 10))).render())
        XCTAssertThrowsError(try Chart.line(LineChart(series: [LineSeries("s", x: [1], y: [1])])).render(scale: 10))
    }
}
