import XCTest
@testable import LeptonCharts

final class LineChartTests: XCTestCase {
    private func trainingCurves() -> LineChart {
        LineChart(title: "Training", series: [
            LineSeries("train loss", x: [1, 2, 3, 4, 5, 6], y: [2.3, 1.2, 0.8, 0.6, 0.5, 0.45]),
            LineSeries("val loss", x: [1, 2, 3, 4, 5, 6], y: [2.2, 1.4, 1.0, 0.9, 0.85, 0.84]),
        ], xAxis: Axis("Epoch"), yAxis: Axis("Loss"))
    }

    func testFrameLegendAndSeriesColoursAtDataPoints() throws {
        let chart = trainingCurves()
        let decoded = try DecodedChart(.line(chart))
        decoded.assertFrame(size: chart.size, legendColors: [Palette.series(0), Palette.series(1)])
        for (index, series) in chart.series.enumerated() {
            for (x, y) in zip(series.x, series.y) {
                let point = try XCTUnwrap(decoded.layout.point(x: x, y: y))
                XCTAssertTrue(decoded.layout.plot.contains(point))
                XCTAssertEqual(decoded.color(at: point)?.distance(to: Palette.series(index)) ?? 255, 0, accuracy: 6,
                               "marker of '\(series.name)' at (\(x), \(y))")
            }
        }
    }

    func testLineIsDrawnBetweenMarkersAndAntiAliased() throws {
        let chart = LineChart(series: [LineSeries("s", x: [0, 10], y: [0, 10], markers: false)])
        let decoded = try DecodedChart(.line(chart))
        let middle = try XCTUnwrap(decoded.layout.point(x: 5, y: 5))
        XCTAssertTrue(decoded.hasColor(Palette.series(0), near: middle, radius: 1, tolerance: 6))
        // Anti-aliasing leaves blended pixels along the diagonal edge: neither white nor series colour.
        var blended = 0
        for step in 0..<40 {
            let t = 1 + Double(step) * 0.2
            guard let p = decoded.layout.point(x: t, y: t) else { continue }
            for offset in 1...8 {
                if let c = decoded.color(at: Point(x: p.x, y: p.y + Double(offset) * 0.5)),
                   c.distance(to: Palette.background) > 20, c.distance(to: Palette.series(0)) > 20 {
                    blended += 1
                }
            }
        }
        XCTAssertGreaterThan(blended, 5, "anti-aliased edge pixels")
    }

    func testLogAxesPlaceDecadesEvenly() throws {
        let chart = LineChart(series: [LineSeries("latency", x: [1, 10, 100, 1000], y: [500, 60, 9, 2])],
                              xAxis: Axis("Bandwidth", unit: "Mbit/s", scale: .logarithmic),
                              yAxis: Axis("Latency", unit: "ms", scale: .logarithmic))
        let decoded = try DecodedChart(.line(chart))
        let x = try XCTUnwrap(decoded.layout.x)
        XCTAssertEqual(x.scale, .logarithmic)
        XCTAssertEqual(x.position(of: 10) - x.position(of: 1), x.position(of: 1000) - x.position(of: 100), accuracy: 1e-9)
        XCTAssertTrue(x.ticks.contains(1) && x.ticks.contains(1000))
        for (xValue, yValue) in zip(chart.series[0].x, chart.series[0].y) {
            let point = try XCTUnwrap(decoded.layout.point(x: xValue, y: yValue))
            XCTAssertTrue(decoded.hasColor(Palette.series(0), near: point, radius: 1, tolerance: 6))
        }
    }

    func testLegendAvoidsData() throws {
        // Data fills the top right and top left; the legend must go where no line passes.
        let chart = LineChart(series: [
            LineSeries("a", x: [0, 5, 10], y: [10, 0, 10]),
            LineSeries("b", x: [0, 5, 10], y: [9, 1, 9]),
        ], xAxis: Axis(minimum: 0, maximum: 10), yAxis: Axis(minimum: 0, maximum: 10))
        let decoded = try DecodedChart(.line(chart))
        let legend = try XCTUnwrap(decoded.layout.legend)
        XCTAssertNotEqual(legend.placement, .insideTopRight)
        XCTAssertNotEqual(legend.placement, .insideTopLeft)
        for series in chart.series {
            for (x, y) in zip(series.x, series.y) {
                let point = try XCTUnwrap(decoded.layout.point(x: x, y: y))
                XCTAssertFalse(legend.frame.contains(point))
            }
        }
    }

    func testLegendMovesOutsideWhenPlotIsFull() throws {
        let xs = Array(stride(from: 0.0, through: 20, by: 1))
        let chart = LineChart(series: [
            LineSeries("top", x: xs, y: xs.map { _ in 10 }, markers: false),
            LineSeries("bottom", x: xs, y: xs.map { _ in 0 }, markers: false),
            LineSeries("zigzag", x: xs, y: xs.map { $0.truncatingRemainder(dividingBy: 2) == 0 ? 0 : 10 }, markers: false),
        ])
        let decoded = try DecodedChart(.line(chart))
        let legend = try XCTUnwrap(decoded.layout.legend)
        XCTAssertTrue([.outsideRight, .outsideTop].contains(legend.placement))
        XCTAssertFalse(legend.frame.intersects(decoded.layout.plot))
    }

    func testValidationNamesTheProblem() {
        let mismatched = LineChart(title: "T", series: [LineSeries("s", x: [1, 2], y: [1])])
        XCTAssertThrowsError(try Chart.line(mismatched).render()) { error in
            XCTAssertEqual(error as? ChartError, .lengthMismatch(chart: "Line chart 'T'", what: "series 's' y", expected: 2, actual: 1))
        }
        let logZero = LineChart(series: [LineSeries("s", x: [0, 1], y: [1, 2])], xAxis: Axis(scale: .logarithmic))
        XCTAssertThrowsError(try Chart.line(logZero).render()) { error in
            XCTAssertTrue("\(error)".contains("logarithmic"))
        }
        let allNaN = LineChart(series: [LineSeries("s", x: [0, 1], y: [.nan, .infinity])])
        XCTAssertThrowsError(try Chart.line(allNaN).render()) { error in
            XCTAssertTrue("\(error)".contains("no point with finite x and y"), "\(error)")
        }
        XCTAssertThrowsError(try Chart.line(LineChart(series: [])).render())
    }

    /// NaN and infinite values are gaps in the line, and the rendering says so once per series.
    func testNonFiniteValuesAreDrawnAsGapsWithAWarning() throws {
        let chart = LineChart(title: "gaps", series: [LineSeries("s", x: [0, 1, 2, 3], y: [1, .nan, 1, 1], markers: false),
                                                      LineSeries("t", x: [0, 3], y: [0, 2], markers: false)])
        let rendered = try Chart.line(chart).render()
        XCTAssertEqual(rendered.warnings, [.nonFiniteValues(chart: "line chart 'gaps'", series: "s", count: 1)])
        let canvas = try Canvas(png: rendered.png)
        func colour(_ x: Double, _ y: Double) throws -> RGBColor {
            let p = try XCTUnwrap(rendered.layout.point(x: x, y: y))
            return try XCTUnwrap(canvas.color(atPixelX: Int(p.x * rendered.scale), y: Int(p.y * rendered.scale)))
        }
        XCTAssertEqual(try colour(2.5, 1), Palette.series(0), "the segment after the gap is drawn")
        XCTAssertNotEqual(try colour(0.5, 1), Palette.series(0), "no line across the gap")
        XCTAssertNotEqual(try colour(1.5, 1), Palette.series(0), "no line across the gap")
    }
}
