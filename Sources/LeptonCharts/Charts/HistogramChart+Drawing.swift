extension HistogramChart {
    func validate() throws(ChartError) {
        let chart = "Histogram '\(title ?? "untitled")'"
        try Validation.size(size, chart: chart)
        guard series.contains(where: { !$0.samples.isEmpty }) else { throw .emptyData(chart: chart, detail: "no samples") }
        if let binCount, binCount < 1 || binCount > 1000 {
            throw .invalidParameter(chart: chart, name: "binCount", value: "\(binCount)", expected: "between 1 and 1000")
        }
        guard valueAxis.scale == .linear else {
            throw .invalidParameter(chart: chart, name: "valueAxis.scale", value: "logarithmic", expected: "linear")
        }
        for samples in series { try Validation.finite(samples.samples, chart: chart, series: samples.name) }
    }

    /// The bins of every series (shared edges).
    public func bins() throws(ChartError) -> [HistogramBins] {
        try validate()
        let all = series.flatMap(\.samples)
        guard let (low, high) = Validation.extent(all) else { return [] }
        let count = binCount ?? HistogramBins.suggestedCount(for: all)
        let ticks = NiceTicks.linear(minimum: low, maximum: high, target: count + 1)
        let lower = valueAxis.minimum ?? (high > low ? low : low - 0.5)
        let upper = valueAxis.maximum ?? (high > low ? high : high + 0.5)
        // Snap the bin width to a nice step when the rule's count allows it.
        let niceCount = Int(((upper - lower) / ticks.step).rounded(.up))
        if binCount == nil, niceCount >= 5, niceCount <= 60, ticks.step > 0 {
            let start = (lower / ticks.step).rounded(.down) * ticks.step
            let stop = (upper / ticks.step).rounded(.up) * ticks.step
            let bins = max(1, Int(((stop - start) / ticks.step).rounded()))
            return series.map { HistogramBins(samples: $0.samples, lower: start, upper: stop, binCount: bins) }
        }
        return series.map { HistogramBins(samples: $0.samples, lower: lower, upper: upper, binCount: count) }
    }

    /// Bar rectangles as (series, bin, rect), for drawing and tests.
    func bars(_ bins: [HistogramBins], in layout: ChartLayout) -> [(series: Int, bin: Int, rect: Rect)] {
        guard let x = layout.x, let y = layout.y else { return [] }
        var result: [(Int, Int, Rect)] = []
        for (seriesIndex, histogram) in bins.enumerated() {
            let edges = histogram.edges
            for (bin, count) in histogram.counts.enumerated() where count > 0 {
                let left = x.position(of: edges[bin])
                let right = x.position(of: edges[bin + 1])
                let slot = (right - left) / Double(bins.count)
                let gap = min(1, slot * 0.15)
                let top = y.position(of: Double(count))
                result.append((seriesIndex, bin, Rect(x: left + Double(seriesIndex) * slot + gap / 2, y: top,
                                                      width: max(0.5, slot - gap), height: y.position(of: 0) - top)))
            }
        }
        return result
    }

    func draw(on canvas: Canvas, in frame: Rect) throws(ChartError) -> ChartLayout {
        let bins = try bins()
        guard let first = bins.first, let right = first.edges.last else {
            throw .emptyData(chart: "Histogram", detail: "no samples")
        }
        let highest = bins.flatMap(\.counts).max() ?? 1
        var countAxis = countAxis
        if countAxis.integerTicks == nil { countAxis.integerTicks = true }
        let chrome = CartesianFrame(
            title: title, caption: caption,
            x: .numeric(valueAxis, minimum: first.lower, maximum: right, includeZero: false, padding: 0),
            y: .numeric(countAxis, minimum: 0, maximum: Double(highest), includeZero: true, padding: 0),
            legend: series.enumerated().compactMap { $1.name.isEmpty ? nil : LegendItem(label: $1.name, color: Palette.series($0), mark: .box) }
        )
        let layout = chrome.layout(in: frame, canvas: canvas) { layout in bars(bins, in: layout).map(\.rect) }
        chrome.drawGrid(layout, on: canvas)
        for bar in bars(bins, in: layout) {
            canvas.fill(bar.rect, Palette.series(bar.series))
        }
        chrome.drawFurniture(layout, on: canvas)
        return layout
    }
}
