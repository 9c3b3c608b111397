import XCTest
@testable import LeptonCharts

final class SmallMultiplesTests: XCTestCase {
    func testPanelsAreLaidOutInAGridEachWithItsData() throws {
        let panels: [Chart] = (0..<4).map { index in
            .line(LineChart(title: "Config \(index)", series: [
                LineSeries("latency", x: [1, 2, 3], y: [Double(index), Double(index) + 2, Double(index) + 1]),
            ], size: .panel))
        }
        let grid = SmallMultiples(title: "Per configuration", panels: panels, columns: 2)
        XCTAssertEqual(grid.size, ChartSize(width: 640, height: 440 + 30))
        let decoded = try DecodedChart(.smallMultiples(grid))
        XCTAssertEqual(decoded.image.pixelWidth, 1280)
        XCTAssertEqual(decoded.layout.panels.count, 4)
        let frames = decoded.layout.panels.map(\.frame)
        XCTAssertEqual(frames[1].minX, 320)
        XCTAssertEqual(frames[2].minY, frames[0].maxY)
        for panel in decoded.layout.panels {
            XCTAssertNotNil(panel.legend, "each panel has a legend")
            let point = try XCTUnwrap(panel.point(x: 2, y: panel.y.map { ($0.lower + $0.upper) / 2 } ?? 0))
            XCTAssertTrue(panel.plot.contains(point))
            XCTAssertEqual(decoded.color(at: Point(x: panel.plot.minX - 0.5, y: panel.plot.center.y)), Palette.axis)
        }
    }

    func testRejectsEmptyGrid() {
        XCTAssertThrowsError(try Chart.smallMultiples(SmallMultiples(panels: [])).render())
    }
}
