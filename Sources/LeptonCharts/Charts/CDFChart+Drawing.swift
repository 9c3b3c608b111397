extension CDFChart {
    func validate() throws(ChartError) {
        let chart = "CDF chart '\(title ?? "untitled")'"
        try Validation.size(size, chart: chart)
        guard series.contains(where: { !$0.samples.isEmpty }) else { throw .emptyData(chart: chart, detail: "no samples") }
        for samples in series {
            try Validation.finite(samples.samples, chart: chart, series: samples.name)
            try Validation.positive(samples.samples, on: valueAxis, chart: chart, name: "value")
        }
    }

    func draw(on canvas: Canvas, in frame: Rect) throws(ChartError) -> ChartLayout {
        try validate()
        guard let (low, high) = Validation.extent(series.flatMap(\.samples)) else {
            throw .emptyData(chart: "CDF chart", detail: "no samples")
        }
        let chrome = CartesianFrame(
            title: title, caption: caption,
            x: .numeric(valueAxis, minimum: low, maximum: high, includeZero: false, padding: 0),
            y: .numeric(Axis("Fraction of samples ≤ x", minimum: 0, maximum: 1), minimum: 0, maximum: 1,
                        includeZero: true, padding: 0),
            legend: series.enumerated().compactMap { $1.name.isEmpty ? nil : LegendItem(label: $1.name, color: Palette.series($0), mark: .line(marker: false)) }
        )
        let layout = chrome.layout(in: frame, canvas: canvas) { layout in
            series.flatMap { Validation.footprint(of: path(of: $0.samples, layout)) }
        }
        chrome.drawGrid(layout, on: canvas)
        if let y = layout.y {
            var lastLabel = Double.infinity
            for fraction in referenceFractions.sorted() where fraction > 0 && fraction < 1 {
                let position = y.position(of: fraction)
                var x = layout.plot.minX
                while x < layout.plot.maxX {
                    canvas.fill(Rect(x: x, y: position - 0.5, width: min(4, layout.plot.maxX - x), height: 1), Palette.axis.mixed(with: Palette.background, 0.45))
                    x += 8
                }
                // Labels of close fractions (p95, p99) would overlap: keep the lower one.
                guard lastLabel - position > 11 else { continue }
                lastLabel = position
                canvas.draw("p\(TickFormatter.compact(fraction * 100))", at: Point(x: layout.plot.minX + 4, y: position - 2),
                            TextStyle(size: 9.5, color: Palette.mutedText, anchor: .start, baseline: .alphabetic))
            }
        }
        for (index, samples) in series.enumerated() {
            canvas.strokeLine(path(of: samples.samples, layout), Palette.series(index), width: 2)
        }
        chrome.drawFurniture(layout, on: canvas)
        return layout
    }

    func path(of samples: [Double], _ layout: ChartLayout) -> [Point] {
        Self.steps(of: samples).compactMap { layout.point(x: $0.x, y: $0.y) }
    }
}
