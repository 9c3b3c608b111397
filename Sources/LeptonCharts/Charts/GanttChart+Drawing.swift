extension GanttChart {
    func validate() throws(ChartError) {
        let chart = "Gantt chart '\(title ?? "untitled")'"
        try Validation.size(size, chart: chart)
        guard !rows.isEmpty, !tasks.isEmpty else { throw .emptyData(chart: chart, detail: rows.isEmpty ? "no rows" : "no tasks") }
        guard timeAxis.scale == .linear else {
            throw .invalidParameter(chart: chart, name: "timeAxis.scale", value: "logarithmic", expected: "linear")
        }
        for task in tasks {
            guard task.start.isFinite, task.end.isFinite else {
                throw .nonFiniteValue(chart: chart, series: task.name, index: 0)
            }
            guard task.end >= task.start else {
                throw .invalidInterval(chart: chart, task: task.name, start: task.start, end: task.end)
            }
            guard rows.contains(task.row) else { throw .unknownRow(chart: chart, task: task.name, row: task.row) }
        }
    }

    /// The bar of each task, in task order.
    public func bars(in layout: ChartLayout) -> [Rect] {
        guard let x = layout.x, let bands = layout.yBands else { return [] }
        return tasks.map { task in
            let band = bands.band(rows.firstIndex(of: task.row) ?? 0)
            let left = x.position(of: task.start)
            return Rect(x: left, y: band.start, width: max(1, x.position(of: task.end) - left), height: band.length)
        }
    }

    func draw(on canvas: Canvas, in frame: Rect) throws(ChartError) -> ChartLayout {
        try validate()
        let low = min(0, tasks.map(\.start).min() ?? 0)
        let high = tasks.map(\.end).max() ?? 1
        let categories = categories
        let chrome = CartesianFrame(
            title: title, caption: caption,
            x: .numeric(timeAxis, minimum: low, maximum: high, includeZero: true, padding: 0),
            y: .bands(rows, title: nil, padding: 0.3),
            legend: categories.enumerated().map { LegendItem(label: $1, color: Palette.series($0), mark: .box) }
        )
        let layout = chrome.layout(in: frame, canvas: canvas) { layout in bars(in: layout) }
        chrome.drawGrid(layout, on: canvas)
        let style = TextStyle(size: 10, color: Palette.background, anchor: .middle, baseline: .middle)
        for (task, bar) in zip(tasks, bars(in: layout)) {
            let color = Palette.series(categories.firstIndex(of: task.category) ?? 0)
            canvas.fill(bar, color)
            // A one-pixel white edge separates back-to-back tasks.
            canvas.fill(Rect(x: bar.maxX - 1, y: bar.minY, width: 1, height: bar.height), Palette.background)
            guard showsTaskNames else { continue }
            var text = style
            text.color = color.luminance < 0.3 ? Palette.background : Palette.ink
            if canvas.measure(task.name, text).width <= bar.width - 6 {
                canvas.draw(task.name, at: bar.center, text)
            }
        }
        chrome.drawFurniture(layout, on: canvas)
        return layout
    }
}
