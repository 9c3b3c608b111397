extension LineChart {
    func validate() throws(ChartError) {
        let chart = "Line chart '\(title ?? "untitled")'"
        try Validation.size(size, chart: chart)
        guard !series.isEmpty, series.contains(where: { !$0.x.isEmpty }) else {
            throw .emptyData(chart: chart, detail: "no series with points")
        }
        for line in series {
            guard line.x.count == line.y.count else {
                throw .lengthMismatch(chart: chart, what: "series '\(line.name)' y", expected: line.x.count, actual: line.y.count)
            }
            try Validation.positive(line.x.filter(\.isFinite), on: xAxis, chart: chart, name: "x")
            try Validation.positive(line.y.filter(\.isFinite), on: yAxis, chart: chart, name: "y")
        }
        guard series.contains(where: { zip($0.x, $0.y).contains { $0.isFinite && $1.isFinite } }) else {
            throw .emptyData(chart: chart, detail: "no point with finite x and y (NaN and infinite values are drawn as gaps)")
        }
    }

    /// Points whose x or y is NaN or infinite, per series: drawn as gaps in the line.
    var nonFinitePoints: [(series: String, count: Int)] {
        series.compactMap { line in
            let count = zip(line.x, line.y).filter { !$0.isFinite || !$1.isFinite }.count
            return count > 0 ? (line.name, count) : nil
        }
    }

    func draw(on canvas: Canvas, in frame: Rect) throws(ChartError) -> ChartLayout {
        try validate()
        let finite = series.flatMap { zip($0.x, $0.y).filter { $0.isFinite && $1.isFinite } }
        let xs = finite.map(\.0)
        let ys = finite.map(\.1)
        guard let (xMin, xMax) = Validation.extent(xs), let (yMin, yMax) = Validation.extent(ys) else {
            throw .emptyData(chart: "Line chart", detail: "no points")
        }
        var xAxis = xAxis
        if xAxis.integerTicks == nil, xAxis.scale == .linear { xAxis.integerTicks = xs.allSatisfy { $0 == $0.rounded() } }
        let chrome = CartesianFrame(
            title: title, caption: caption,
            x: .numeric(xAxis, minimum: xMin, maximum: xMax, includeZero: false, padding: 0),
            y: .numeric(yAxis, minimum: yMin, maximum: yMax, includeZero: false, padding: 0.04),
            legend: series.enumerated().map { LegendItem(label: $1.name, color: Palette.series($0), mark: .line(marker: $1.showsMarkers)) }
        )
        let layout = chrome.layout(in: frame, canvas: canvas) { layout in
            series.flatMap { Validation.footprint(of: points(of: $0, layout)) }
        }
        chrome.drawGrid(layout, on: canvas)
        for (index, line) in series.enumerated() {
            let color = Palette.series(index)
            for segment in segments(of: line, layout) {
                canvas.strokeLine(segment, color, width: 2)
                if line.showsMarkers {
                    for point in segment { canvas.fillCircle(center: point, radius: 3.5, color) }
                }
            }
        }
        chrome.drawFurniture(layout, on: canvas)
        return layout
    }

    private func points(of line: LineSeries, _ layout: ChartLayout) -> [Point] {
        segments(of: line, layout).flatMap { $0 }
    }

    /// The runs of consecutive finite points: a NaN or infinite value ends a segment.
    private func segments(of line: LineSeries, _ layout: ChartLayout) -> [[Point]] {
        var result: [[Point]] = [[]]
        for (x, y) in zip(line.x, line.y) {
            if x.isFinite, y.isFinite, let p = layout.point(x: x, y: y) {
                result[result.count - 1].append(p)
            } else if !(result.last?.isEmpty ?? true) {
                result.append([])
            }
        }
        return result.filter { !$0.isEmpty }
    }
}
