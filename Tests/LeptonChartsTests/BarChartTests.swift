import XCTest
@testable import LeptonCharts

final class BarChartTests: XCTestCase {
    func testGroupedBarsShowSeriesColoursAtTheirValues() throws {
        let chart = BarChart(title: "Grouped", categories: ["edge", "fog", "cloud"], series: [
            BarSeries("small", values: [3, 5, 8]),
            BarSeries("large", values: [6, 9, 12]),
        ], valueAxis: Axis("Latency", unit: "ms"))
        let decoded = try DecodedChart(.bar(chart))
        decoded.assertFrame(size: chart.size, legendColors: [Palette.series(0), Palette.series(1)])
        let bars = chart.bars(in: decoded.layout)
        XCTAssertEqual(bars.count, 6)
        let y = try XCTUnwrap(decoded.layout.y)
        for bar in bars {
            let value = chart.series[bar.series].values[bar.category]
            XCTAssertEqual(bar.rect.minY, y.position(of: value), accuracy: 1e-9)
            XCTAssertEqual(bar.rect.maxY, y.position(of: 0), accuracy: 1e-9)
            // Just below the top of the bar (inside the bar) the colour is the series colour.
            let inside = Point(x: bar.rect.center.x, y: bar.rect.minY + 2)
            XCTAssertEqual(decoded.color(at: inside), Palette.series(bar.series), "bar \(bar)")
            // Above the top it is not.
            let above = Point(x: bar.rect.center.x, y: bar.rect.minY - 2)
            XCTAssertNotEqual(decoded.color(at: above), Palette.series(bar.series))
        }
    }

    func testStackedBarsPileSegmentsInSeriesOrder() throws {
        let components = ["queue", "compute", "pack", "wire", "unpack"]
        let chart = BarChart(title: "Breakdown", categories: ["A", "B"],
                             series: components.enumerated().map { BarSeries($1, values: [Double($0 + 1), 2]) },
                             mode: .stacked, valueAxis: Axis("Latency", unit: "ms"))
        let decoded = try DecodedChart(.bar(chart))
        decoded.assertFrame(size: chart.size, legendColors: components.indices.map(Palette.series))
        let y = try XCTUnwrap(decoded.layout.y)
        var top = 0.0
        for (index, series) in chart.series.enumerated() {
            let bottom = top
            top += series.values[0]
            let band = try XCTUnwrap(decoded.layout.xBands).band(0)
            let middle = Point(x: band.start + band.length / 2, y: (y.position(of: bottom) + y.position(of: top)) / 2)
            XCTAssertEqual(decoded.color(at: middle), Palette.series(index), "segment \(series.name)")
        }
        XCTAssertGreaterThanOrEqual(y.upper, 15, "axis reaches the tallest stack")
    }

    func testRejectsMismatchedSeries() {
        let chart = BarChart(categories: ["a", "b"], series: [BarSeries("s", values: [1])])
        XCTAssertThrowsError(try Chart.bar(chart).render()) { error in
            XCTAssertTrue("\(error)".contains("series 's' has 1 values but 2 were expected"))
        }
    }
}
