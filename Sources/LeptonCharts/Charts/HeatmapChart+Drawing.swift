extension HeatmapChart {
    func validate() throws(ChartError) {
        let chart = "Heatmap '\(title ?? "untitled")'"
        try Validation.size(size, chart: chart)
        guard !rowLabels.isEmpty, !columnLabels.isEmpty else { throw .emptyData(chart: chart, detail: "no rows or columns") }
        guard values.count == rowLabels.count else {
            throw .lengthMismatch(chart: chart, what: "values (rows)", expected: rowLabels.count, actual: values.count)
        }
        for (index, row) in values.enumerated() {
            guard row.count == columnLabels.count else {
                throw .lengthMismatch(chart: chart, what: "row '\(rowLabels[index])'", expected: columnLabels.count, actual: row.count)
            }
            try Validation.finite(row, chart: chart, series: "row '\(rowLabels[index])'")
        }
    }

    /// The colour of a cell holding `value` when the grid spans `minimum…maximum`.
    public static func color(for value: Double, minimum: Double, maximum: Double) -> RGBColor {
        Palette.sequential(maximum > minimum ? (value - minimum) / (maximum - minimum) : 0)
    }

    /// The rectangle of cell (`row`, `column`) in a layout.
    public static func cell(row: Int, column: Int, in layout: ChartLayout) -> Rect? {
        guard let rows = layout.yBands, let columns = layout.xBands else { return nil }
        let x = columns.band(column)
        let y = rows.band(row)
        return Rect(x: x.start, y: y.start, width: x.length, height: y.length)
    }

    func draw(on canvas: Canvas, in frame: Rect) throws(ChartError) -> ChartLayout {
        try validate()
        let all = values.flatMap { $0 }
        let (low, high) = Validation.extent(all) ?? (0, 1)
        let chrome = CartesianFrame(title: title, caption: caption,
                                    x: .bands(columnLabels, title: columnTitle, padding: 0),
                                    y: .bands(rowLabels, title: rowTitle, padding: 0),
                                    colorBar: (low, high))
        let layout = chrome.layout(in: frame, canvas: canvas) { _ in [] }
        for (row, cells) in values.enumerated() {
            for (column, value) in cells.enumerated() {
                guard let rect = Self.cell(row: row, column: column, in: layout) else { continue }
                let color = Self.color(for: value, minimum: low, maximum: high)
                canvas.fill(rect, color)
                guard showsValues else { continue }
                let text = TickFormatter.compact(value)
                var style = TextStyle(size: 11, color: color.luminance < 0.35 ? Palette.background : Palette.ink,
                                      anchor: .middle, baseline: .middle)
                if canvas.measure(text, style).width > rect.width - 4 { style.size = 8.5 }
                if canvas.measure(text, style).width <= rect.width - 2, rect.height >= 10 {
                    canvas.draw(text, at: rect.center, style)
                }
            }
        }
        // Thin white separators keep neighbouring cells of similar colour apart.
        if let rows = layout.yBands, let columns = layout.xBands {
            for index in 1..<max(1, rowLabels.count) {
                let y = rows.start + Double(index) * rows.bandwidth
                canvas.fill(Rect(x: layout.plot.minX, y: y - 0.5, width: layout.plot.width, height: 1), Palette.background)
            }
            for index in 1..<max(1, columnLabels.count) {
                let x = columns.start + Double(index) * columns.bandwidth
                canvas.fill(Rect(x: x - 0.5, y: layout.plot.minY, width: 1, height: layout.plot.height), Palette.background)
            }
        }
        chrome.drawFurniture(layout, on: canvas)
        return layout
    }
}
