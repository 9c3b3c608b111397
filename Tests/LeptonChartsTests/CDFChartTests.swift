import XCTest
@testable import LeptonCharts

final class CDFChartTests: XCTestCase {
    func testStepsReachOne() {
        let steps = CDFChart.steps(of: [3, 1, 2])
        XCTAssertEqual(steps.first?.y, 0)
        XCTAssertEqual(steps.last?.y, 1)
        XCTAssertEqual(steps.map(\.x), [1, 1, 1, 2, 2, 3, 3])
    }

    func testCurvesPassThroughTheirMedians() throws {
        let fast = (1...200).map { Double($0) / 10 }
        let slow = (1...200).map { Double($0) / 4 + 5 }
        let chart = CDFChart(title: "Latency CDF", series: [SampleSeries("edge", samples: fast), SampleSeries("cloud", samples: slow)],
                             valueAxis: Axis("Latency", unit: "ms"))
        let decoded = try DecodedChart(.cdf(chart))
        decoded.assertFrame(size: chart.size, legendColors: [Palette.series(0), Palette.series(1)])
        let y = try XCTUnwrap(decoded.layout.y)
        XCTAssertEqual(y.lower, 0)
        XCTAssertEqual(y.upper, 1)
        for (index, samples) in [fast, slow].enumerated() {
            let median = samples.sorted()[samples.count / 2 - 1]
            let point = try XCTUnwrap(decoded.layout.point(x: median, y: 0.5))
            XCTAssertTrue(decoded.hasColor(Palette.series(index), near: point, radius: 3, tolerance: 8), "series \(index) median")
        }
    }

    func testLogAxisRejectsZero() {
        let chart = CDFChart(series: [SampleSeries("s", samples: [0, 1])], valueAxis: Axis(scale: .logarithmic))
        XCTAssertThrowsError(try Chart.cdf(chart).render())
    }
}
