import XCTest
@testable import LeptonReport

final class MetricCardTests: XCTestCase {
    func testTrendFollowsPolarity() {
        XCTAssertEqual(MetricCard("acc", value: 0.9, baseline: 0.8, polarity: .higherIsBetter).trend, .better)
        XCTAssertEqual(MetricCard("acc", value: 0.7, baseline: 0.8, polarity: .higherIsBetter).trend, .worse)
        XCTAssertEqual(MetricCard("lat", value: 9, baseline: 10, polarity: .lowerIsBetter).trend, .better)
        XCTAssertEqual(MetricCard("lat", value: 11, baseline: 10, polarity: .lowerIsBetter).trend, .worse)
        XCTAssertEqual(MetricCard("n", value: 11, baseline: 10).trend, .neutral)
        XCTAssertEqual(MetricCard("n", value: 10, baseline: 10, polarity: .lowerIsBetter).trend, .unchanged)
        XCTAssertNil(MetricCard("n", value: 10).trend)
    }

    func testCardShowsDeltaWithGoodOrBadClass() throws {
        let report = Report(title: "Cards", blocks: [.metrics([
            MetricCard("Latency", value: 12.5, unit: "ms", baseline: 10, polarity: .lowerIsBetter, decimals: 1),
            MetricCard("Accuracy", value: 0.95, baseline: 0.9, polarity: .higherIsBetter),
        ])])
        let html = try report.renderHTML().html
        XCTAssertTrue(html.contains("<div class=\"delta worse\">▲ +2.5 vs baseline 10.0 (worse)</div>"), html)
        XCTAssertTrue(html.contains("<div class=\"delta better\">▲ +0.05 vs baseline 0.9 (better)</div>"))
        XCTAssertTrue(html.contains("12.5<span class=\"unit\">ms</span>"))
    }
}
