import XCTest
@testable import LeptonCharts

final class ScatterChartTests: XCTestCase {
    private let chart = ScatterChart(title: "Accuracy vs latency", points: [
        ScatterPoint(x: 2, y: 0.80, label: "tiny", group: "CNN"),
        ScatterPoint(x: 5, y: 0.90, label: "small", group: "CNN"),
        ScatterPoint(x: 9, y: 0.88, label: "medium", group: "CNN"),
        ScatterPoint(x: 15, y: 0.95, label: "large", group: "CNN"),
        ScatterPoint(x: 4, y: 0.70, label: "linear", group: "Softmax"),
        ScatterPoint(x: 12, y: 0.85, label: "wide", group: "Softmax"),
    ], xAxis: Axis("Latency", unit: "ms"), yAxis: Axis("Accuracy"), paretoGoal: .minimizeXMaximizeY)

    func testPointsLegendAndParetoRing() throws {
        let decoded = try DecodedChart(.scatter(chart))
        decoded.assertFrame(size: chart.size, legendColors: [Palette.series(0), Palette.series(1), Palette.highlight])
        for point in chart.points {
            let center = try XCTUnwrap(decoded.layout.point(x: point.x, y: point.y))
            let group = chart.groups.firstIndex(of: point.group) ?? -1
            XCTAssertEqual(decoded.color(at: center), Palette.series(group), "point \(point.label ?? "")")
        }
        XCTAssertEqual(chart.paretoIndices, [0, 1, 3])
        for index in chart.paretoIndices {
            let point = chart.points[index]
            let center = try XCTUnwrap(decoded.layout.point(x: point.x, y: point.y))
            // The ring lies between radius 6 and 7.5 CSS px; sample straight below the point.
            XCTAssertTrue(decoded.hasColor(Palette.highlight, near: Point(x: center.x, y: center.y + 6.8), radius: 1, tolerance: 30),
                          "ring around \(point.label ?? "")")
        }
        // A dominated point has no ring.
        let dominated = chart.points[2]
        let center = try XCTUnwrap(decoded.layout.point(x: dominated.x, y: dominated.y))
        XCTAssertFalse(decoded.hasColor(Palette.highlight, near: Point(x: center.x + 6.8, y: center.y), radius: 0, tolerance: 30))
    }

    func testLabelsAreDrawnNextToPoints() throws {
        let decoded = try DecodedChart(.scatter(chart))
        let point = chart.points[3]
        let center = try XCTUnwrap(decoded.layout.point(x: point.x, y: point.y))
        let around = Rect(x: center.x - 70, y: center.y - 30, width: 140, height: 60)
        XCTAssertGreaterThan(decoded.count(Palette.ink, in: around, tolerance: 60), 10, "label text near the point")
    }
}
