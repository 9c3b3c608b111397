import XCTest
@testable import LeptonCharts

final class NiceTicksTests: XCTestCase {
    func testLinearTicksAreNiceAndCoverTheData() {
        let ticks = NiceTicks.linear(minimum: 0.13, maximum: 9.7, target: 6)
        XCTAssertEqual(ticks.step, 2)
        XCTAssertEqual(ticks.values, [0, 2, 4, 6, 8, 10])
        let small = NiceTicks.linear(minimum: 0.81, maximum: 0.97, target: 5)
        XCTAssertLessThanOrEqual(small.lower, 0.81)
        XCTAssertGreaterThanOrEqual(small.upper, 0.97)
        XCTAssertEqual(small.step, 0.05, accuracy: 1e-12)
    }

    func testDegenerateRangeIsWidened() {
        let ticks = NiceTicks.linear(minimum: 5, maximum: 5, target: 5)
        XCTAssertLessThan(ticks.lower, 5)
        XCTAssertGreaterThan(ticks.upper, 5)
    }

    func testLogTicksAreDecades() {
        let ticks = NiceTicks.logarithmic(minimum: 3, maximum: 4200)
        XCTAssertEqual(ticks.lower, 1)
        XCTAssertEqual(ticks.upper, 10_000)
        XCTAssertEqual(ticks.values, [1, 10, 100, 1000, 10_000])
        XCTAssertEqual(NiceTicks.logarithmic(minimum: 2, maximum: 30).values, [1, 2, 5, 10, 20, 50, 100])
    }

    func testTickLabels() {
        XCTAssertEqual(TickFormatter.label(0.25, step: 0.05), "0.25")
        XCTAssertEqual(TickFormatter.label(2, step: 0.5), "2")
        XCTAssertEqual(TickFormatter.label(0.75, step: 0.25), "0.75")
        XCTAssertEqual(TickFormatter.label(47.5, step: 2.5), "47.5")
        XCTAssertEqual(TickFormatter.label(15_000, step: 5_000), "15k")
        XCTAssertEqual(TickFormatter.label(0.001, step: 0), "0.001")
        XCTAssertEqual(TickFormatter.label(1_000_000, step: 0), "1M")
        XCTAssertEqual(TickFormatter.compact(0.9731), "0.973")
        XCTAssertEqual(TickFormatter.compact(42), "42")
    }
}
