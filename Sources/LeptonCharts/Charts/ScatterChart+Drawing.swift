extension ScatterChart {
    static let pointRadius = 4.5

    func validate() throws(ChartError) {
        let chart = "Scatter chart '\(title ?? "untitled")'"
        try Validation.size(size, chart: chart)
        guard !points.isEmpty else { throw .emptyData(chart: chart, detail: "no points") }
        try Validation.finite(points.map(\.x), chart: chart, series: "x")
        try Validation.finite(points.map(\.y), chart: chart, series: "y")
        try Validation.positive(points.map(\.x), on: xAxis, chart: chart, name: "x")
        try Validation.positive(points.map(\.y), on: yAxis, chart: chart, name: "y")
    }

    /// Indices of the highlighted Pareto-front points (empty without a goal).
    public var paretoIndices: [Int] {
        guard let paretoGoal else { return [] }
        return ParetoFront.indices(of: points.map { ($0.x, $0.y) }, goal: paretoGoal)
    }

    func draw(on canvas: Canvas, in frame: Rect) throws(ChartError) -> ChartLayout {
        try validate()
        guard let (xMin, xMax) = Validation.extent(points.map(\.x)),
              let (yMin, yMax) = Validation.extent(points.map(\.y)) else {
            throw .emptyData(chart: "Scatter chart", detail: "no points")
        }
        let groups = groups
        var legend = groups.enumerated().compactMap { index, name in
            name.isEmpty ? nil : LegendItem(label: name, color: Palette.series(index), mark: .dot)
        }
        let front = paretoIndices
        if !front.isEmpty {
            legend.append(LegendItem(label: "Pareto front", color: Palette.highlight, mark: .ring))
        }
        let chrome = CartesianFrame(
            title: title, caption: caption,
            x: .numeric(xAxis, minimum: xMin, maximum: xMax, includeZero: false, padding: 0.06),
            y: .numeric(yAxis, minimum: yMin, maximum: yMax, includeZero: false, padding: 0.06),
            legend: legend
        )
        let layout = chrome.layout(in: frame, canvas: canvas) { layout in
            let centers = points.compactMap { layout.point(x: $0.x, y: $0.y) }
            return Validation.footprint(of: centers.sorted { $0.x < $1.x }, radius: 6)
        }
        chrome.drawGrid(layout, on: canvas)
        let centers = points.compactMap { layout.point(x: $0.x, y: $0.y) }
        if front.count > 1 {
            canvas.strokeLine(front.map { centers[$0] }, Palette.highlight, width: 1.5)
        }
        for index in front {
            canvas.fillCircle(center: centers[index], radius: Self.pointRadius + 3, Palette.highlight)
            canvas.fillCircle(center: centers[index], radius: Self.pointRadius + 1.5, Palette.background)
        }
        for (index, point) in points.enumerated() {
            let group = groups.firstIndex(of: point.group) ?? 0
            canvas.fillCircle(center: centers[index], radius: Self.pointRadius, Palette.series(group))
        }
        drawLabels(centers: centers, layout: layout, canvas: canvas)
        chrome.drawFurniture(layout, on: canvas)
        return layout
    }

    /// Places each label beside its point where it overlaps no other label or point.
    private func drawLabels(centers: [Point], layout: ChartLayout, canvas: Canvas) {
        let style = TextStyle(size: 10.5, color: Palette.ink, anchor: .start, baseline: .top)
        var taken = centers.map { Rect(x: $0.x - 8, y: $0.y - 8, width: 16, height: 16) }
        taken += Validation.footprint(of: paretoIndices.map { centers[$0] }, radius: 2)
        if let legend = layout.legend { taken.append(legend.frame) }
        for (index, point) in points.enumerated() {
            guard let label = point.label, !label.isEmpty else { continue }
            let size = canvas.measure(label, style)
            let center = centers[index]
            let gap = Self.pointRadius + 5
            let candidates = [
                Point(x: center.x + gap, y: center.y - size.height - 2),
                Point(x: center.x + gap, y: center.y + 2),
                Point(x: center.x - gap - size.width, y: center.y - size.height - 2),
                Point(x: center.x - gap - size.width, y: center.y + 2),
                Point(x: center.x - size.width / 2, y: center.y - gap - size.height),
                Point(x: center.x - size.width / 2, y: center.y + gap),
            ]
            let boxes = candidates.map { Rect(x: $0.x - 1, y: $0.y - 1, width: size.width + 2, height: size.height + 2) }
            let inside = boxes.indices.filter { boxes[$0].minX >= layout.plot.minX && boxes[$0].maxX <= layout.plot.maxX
                && boxes[$0].minY >= layout.plot.minY && boxes[$0].maxY <= layout.plot.maxY }
            let free = inside.first { candidate in !taken.contains { $0.intersects(boxes[candidate]) } }
            let chosen = free ?? inside.first ?? 0
            canvas.draw(label, at: candidates[chosen], style)
            taken.append(boxes[chosen])
        }
    }
}
