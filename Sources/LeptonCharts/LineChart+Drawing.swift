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
            try Validation.finite(line.x, chart: chart, series: line.name)
            try Validation.finite(line.y, chart: chart, series: line.name)
            try Validation.positive(line.x, on: xAxis, chart: chart, name: "x")
            try Validation.positive(line.y, on: yAxis, chart: chart, name: "y")
        }
    }

    func draw(on canvas: Canvas, in frame: Rect) throws(ChartError) -> ChartLayout {
        try validate()
        let xs = series.flatMap(\.x)
        let ys = series.flatMap(\.y)
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
            let path = points(of: line, layout)
            canvas.strokeLine(path, color, width: 2)
            if line.showsMarkers {
                for point in path { canvas.fillCircle(center: point, radius: 3.5, color) }
            }
        }
        chrome.drawFurniture(layout, on: canvas)
        return layout
    }

    private func points(of line: LineSeries, _ layout: ChartLayout) -> [Point] {
        zip(line.x, line.y).compactMap { layout.point(x: $0, y: $1) }
    }
}
