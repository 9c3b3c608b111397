extension BarChart {
    func validate() throws(ChartError) {
        let chart = "Bar chart '\(title ?? "untitled")'"
        try Validation.size(size, chart: chart)
        guard !categories.isEmpty, !series.isEmpty else {
            throw .emptyData(chart: chart, detail: categories.isEmpty ? "no categories" : "no series")
        }
        guard valueAxis.scale == .linear else {
            throw .invalidParameter(chart: chart, name: "valueAxis.scale", value: "logarithmic",
                                    expected: "linear, because bars start at zero")
        }
        for bars in series {
            guard bars.values.count == categories.count else {
                throw .lengthMismatch(chart: chart, what: "series '\(bars.name)'", expected: categories.count,
                                      actual: bars.values.count)
            }
        }
    }

    /// Bars whose value is NaN or infinite, per series: left out (a gap).
    var nonFinitePoints: [(series: String, count: Int)] {
        series.compactMap { bars in
            let count = bars.values.filter { !$0.isFinite }.count
            return count > 0 ? (bars.name, count) : nil
        }
    }

    /// The bars as (series index, category index, rectangle), for drawing and tests.
    func bars(in layout: ChartLayout) -> [(series: Int, category: Int, rect: Rect)] {
        guard let bands = layout.xBands, let y = layout.y else { return [] }
        var result: [(Int, Int, Rect)] = []
        for category in categories.indices {
            let band = bands.band(category)
            var positiveBase = 0.0
            var negativeBase = 0.0
            for (index, bars) in series.enumerated() {
                let value = bars.values[category]
                guard value.isFinite else { continue }
                let x: Double
                let width: Double
                let from: Double
                let to: Double
                switch mode {
                case .grouped:
                    width = band.length / Double(series.count)
                    x = band.start + Double(index) * width
                    from = 0
                    to = value
                case .stacked:
                    width = band.length
                    x = band.start
                    if value >= 0 {
                        from = positiveBase
                        positiveBase += value
                        to = positiveBase
                    } else {
                        from = negativeBase
                        negativeBase += value
                        to = negativeBase
                    }
                }
                let top = y.clampedPosition(of: max(from, to))
                let bottom = y.clampedPosition(of: min(from, to))
                let gap = mode == .grouped && series.count > 1 ? min(2, width * 0.1) : 0
                result.append((index, category, Rect(x: x + gap / 2, y: top, width: max(1, width - gap), height: bottom - top)))
            }
        }
        return result
    }

    func draw(on canvas: Canvas, in frame: Rect) throws(ChartError) -> ChartLayout {
        try validate()
        var low = 0.0
        var high = 0.0
        switch mode {
        case .grouped:
            let all = series.flatMap(\.values).filter(\.isFinite)
            low = min(0, all.min() ?? 0)
            high = max(0, all.max() ?? 0)
        case .stacked:
            for category in categories.indices {
                let values = series.map { $0.values[category] }.filter(\.isFinite)
                high = max(high, values.filter { $0 > 0 }.reduce(0, +))
                low = min(low, values.filter { $0 < 0 }.reduce(0, +))
            }
        }
        let showsLegend = series.count > 1 || !(series.first?.name.isEmpty ?? true)
        let chrome = CartesianFrame(
            title: title, caption: caption,
            x: .bands(categories, title: categoryTitle, padding: 0.25),
            y: .numeric(valueAxis, minimum: low, maximum: high, includeZero: true, padding: 0),
            legend: showsLegend ? series.enumerated().map { LegendItem(label: $1.name, color: Palette.series($0), mark: .box) } : []
        )
        let layout = chrome.layout(in: frame, canvas: canvas) { layout in bars(in: layout).map(\.rect) }
        chrome.drawGrid(layout, on: canvas)
        for bar in bars(in: layout) where bar.rect.height > 0 {
            canvas.fill(bar.rect, Palette.series(bar.series))
        }
        chrome.drawFurniture(layout, on: canvas)
        return layout
    }
}
