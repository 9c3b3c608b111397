import XCTest
@testable import LeptonCharts

final class HeatmapChartTests: XCTestCase {
    func testCellsColourByValueAndColourBarIsDrawn() throws {
        let labels = ["0", "1", "2"]
        let values: [[Double]] = [[50, 2, 0], [3, 40, 7], [0, 5, 45]]
        let chart = HeatmapChart(title: "Confusion matrix", rowLabels: labels, columnLabels: labels, values: values,
                                 rowTitle: "True class", columnTitle: "Predicted class")
        let decoded = try DecodedChart(.heatmap(chart))
        decoded.assertFrame(size: chart.size, legendColors: [])
        for row in 0..<3 {
            for column in 0..<3 {
                let cell = try XCTUnwrap(HeatmapChart.cell(row: row, column: column, in: decoded.layout))
                let expected = HeatmapChart.color(for: values[row][column], minimum: 0, maximum: 50)
                // Sample near the top-left corner: the value text sits in the middle.
                XCTAssertEqual(decoded.color(at: Point(x: cell.minX + 4, y: cell.minY + 4)), expected, "cell \(row),\(column)")
            }
        }
        let diagonal = try XCTUnwrap(HeatmapChart.cell(row: 1, column: 1, in: decoded.layout))
        XCTAssertGreaterThan(decoded.count(Palette.background, in: diagonal.insetBy(diagonal.width / 4), tolerance: 40), 5,
                             "value written in white on the dark diagonal")
        let bar = try XCTUnwrap(decoded.layout.colorBar)
        XCTAssertEqual(decoded.color(at: Point(x: bar.frame.center.x, y: bar.frame.minY + 2))?.distance(to: Palette.sequential(1)) ?? 255,
                       0, accuracy: 12)
        XCTAssertEqual(decoded.color(at: Point(x: bar.frame.center.x, y: bar.frame.maxY - 2))?.distance(to: Palette.sequential(0)) ?? 255,
                       0, accuracy: 12)
    }

    func testRejectsRaggedRows() {
        let chart = HeatmapChart(rowLabels: ["a", "b"], columnLabels: ["x", "y"], values: [[1, 2], [3]])
        XCTAssertThrowsError(try Chart.heatmap(chart).render()) { error in
            XCTAssertTrue("\(error)".contains("row 'b'"))
        }
    }
}
