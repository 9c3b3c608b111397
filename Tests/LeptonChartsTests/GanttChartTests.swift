import XCTest
@testable import LeptonCharts

final class GanttChartTests: XCTestCase {
    func testTasksSitOnTheirRowsInCategoryColours() throws {
        let chart = GanttChart(title: "Schedule", rows: ["edge", "cloud"], tasks: [
            GanttTask("conv1", row: "edge", start: 0, end: 4, category: "conv"),
            GanttTask("send", row: "edge", start: 4, end: 6, category: "transfer"),
            GanttTask("conv2", row: "cloud", start: 6, end: 9, category: "conv"),
            GanttTask("fc", row: "cloud", start: 9, end: 12, category: "dense"),
        ], timeAxis: Axis("Time", unit: "ms"))
        let decoded = try DecodedChart(.gantt(chart))
        decoded.assertFrame(size: chart.size, legendColors: [Palette.series(0), Palette.series(1), Palette.series(2)])
        let bars = chart.bars(in: decoded.layout)
        let x = try XCTUnwrap(decoded.layout.x)
        let rows = try XCTUnwrap(decoded.layout.yBands)
        for (task, bar) in zip(chart.tasks, bars) {
            XCTAssertEqual(bar.minX, x.position(of: task.start), accuracy: 1e-9)
            XCTAssertEqual(bar.center.y, rows.center(chart.rows.firstIndex(of: task.row) ?? -1), accuracy: 1e-9)
            let color = Palette.series(chart.categories.firstIndex(of: task.category) ?? -1)
            XCTAssertEqual(decoded.color(at: Point(x: bar.minX + 2, y: bar.minY + 2)), color, "task \(task.name)")
        }
    }

    func testRejectsUnknownRowAndBackwardsTask() {
        let unknown = GanttChart(rows: ["a"], tasks: [GanttTask("t", row: "b", start: 0, end: 1)])
        XCTAssertThrowsError(try Chart.gantt(unknown).render()) { error in
            XCTAssertTrue("\(error)".contains("row 'b'"))
        }
        let backwards = GanttChart(rows: ["a"], tasks: [GanttTask("t", row: "a", start: 2, end: 1)])
        XCTAssertThrowsError(try Chart.gantt(backwards).render())
    }
}
