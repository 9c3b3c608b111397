extension SmallMultiples {
    func validate() throws(ChartError) {
        let chart = "Small multiples '\(title ?? "untitled")'"
        guard !panels.isEmpty else { throw .emptyData(chart: chart, detail: "no panels") }
        guard columns >= 1 else {
            throw .invalidParameter(chart: chart, name: "columns", value: "\(columns)", expected: "at least 1")
        }
        try Validation.size(panelSize, chart: chart)
    }

    func draw(on canvas: Canvas, in frame: Rect) throws(ChartError) -> ChartLayout {
        try validate()
        let columns = max(1, min(self.columns, panels.count))
        let top = frame.minY + (title == nil ? 0 : Self.titleHeight)
        var layout = ChartLayout(frame: frame, scale: canvas.scale,
                                 plot: Rect(x: frame.minX, y: top, width: frame.width,
                                            height: frame.height - (top - frame.minY) - (caption == nil ? 0 : Self.captionHeight)))
        for (index, panel) in panels.enumerated() {
            let cell = Rect(x: frame.minX + Double(index % columns) * panelSize.width,
                            y: top + Double(index / columns) * panelSize.height,
                            width: panelSize.width, height: panelSize.height)
            layout.panels.append(try panel.draw(on: canvas, in: cell))
        }
        if let title {
            canvas.draw(title, at: Point(x: frame.minX + CartesianFrame.padding, y: frame.minY + CartesianFrame.padding), .title)
        }
        if let caption {
            canvas.draw(caption, at: Point(x: frame.minX + CartesianFrame.padding, y: frame.maxY - Self.captionHeight + 6), .caption)
        }
        return layout
    }
}
