import XCTest
@testable import LeptonCharts

final class HistogramChartTests: XCTestCase {
    func testBinsCountEverySample() {
        let bins = HistogramBins(samples: [0, 0.5, 1, 1.5, 2, 2], lower: 0, upper: 2, binCount: 2)
        XCTAssertEqual(bins.counts, [2, 4])
        XCTAssertEqual(bins.edges, [0, 1, 2])
    }

    func testFreedmanDiaconisStaysInRange() {
        XCTAssertEqual(HistogramBins.suggestedCount(for: [1]), 1)
        let uniform = (0..<1000).map { Double($0) }
        XCTAssertTrue((5...60).contains(HistogramBins.suggestedCount(for: uniform)))
    }

    func testBarsHaveSeriesColourAndHeightOfTheirCount() throws {
        var samples: [Double] = []
        for value in 1...20 { samples += Array(repeating: Double(value), count: value) }
        let chart = HistogramChart(title: "Latency distribution", series: [SampleSeries("edge", samples: samples)],
                                   binCount: 10, valueAxis: Axis("Latency", unit: "ms"))
        let decoded = try DecodedChart(.histogram(chart))
        decoded.assertFrame(size: chart.size, legendColors: [Palette.series(0)])
        let bins = try chart.bins()
        XCTAssertEqual(bins[0].counts.reduce(0, +), samples.count)
        let bars = chart.bars(bins, in: decoded.layout)
        XCTAssertEqual(bars.count, 10)
        let y = try XCTUnwrap(decoded.layout.y)
        for bar in bars {
            XCTAssertEqual(bar.rect.minY, y.position(of: Double(bins[0].counts[bar.bin])), accuracy: 1e-9)
            XCTAssertEqual(decoded.color(at: Point(x: bar.rect.center.x, y: bar.rect.maxY - 3)), Palette.series(0))
        }
    }
}
