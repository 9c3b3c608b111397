import Foundation

/// The shared furniture of every chart with axes: layout of title, axes, legend and
/// caption around the plot, and drawing of grid, axes, ticks and legend.
///
/// A chart kind describes its axes and legend, lays out with ``layout(in:canvas:footprint:)``,
/// draws its data into the returned plot rectangle and then calls ``drawFurniture(_:on:)``.
struct CartesianFrame {
    /// What an axis shows.
    enum AxisPlan {
        /// Numbers from `minimum` to `maximum` (data extent), widened to nice ticks.
        case numeric(Axis, minimum: Double, maximum: Double, includeZero: Bool, padding: Double)
        /// Equal bands, one per label.
        case bands([String], title: String?, padding: Double)
    }

    var title: String?
    var caption: String?
    var x: AxisPlan
    var y: AxisPlan
    var legend: [LegendItem] = []
    var colorBar: (minimum: Double, maximum: Double)?

    static let padding = 10.0
    static let tickLength = 4.0
    static let rowHeight = 16.0

    // MARK: - Layout

    /// Places everything inside `frame`. `footprint` returns the rectangles covered by
    /// data for a candidate layout, so the legend can avoid them.
    func layout(in frame: Rect, canvas: Canvas, footprint: (ChartLayout) -> [Rect]) -> ChartLayout {
        var chrome = self
        // Long entries are shortened so a legend never needs more than ~45 % of the width.
        let maxLabel = max(40, frame.width * 0.45 - 36)
        chrome.legend = legend.map { item in
            var item = item
            item.label = canvas.fitted(item.label, .legend, maxWidth: maxLabel)
            return item
        }
        return chrome.placeLayout(in: frame, canvas: canvas, footprint: footprint)
    }

    private func placeLayout(in frame: Rect, canvas: Canvas, footprint: (ChartLayout) -> [Rect]) -> ChartLayout {
        var layout = plotLayout(in: frame, canvas: canvas, legendSpace: .none)
        guard !legend.isEmpty else { return layout }
        let size = legendSize(canvas: canvas, horizontalWidth: nil)
        let data = footprint(layout)
        let corners: [LegendLayout.Placement] = [.insideTopRight, .insideTopLeft, .insideBottomRight, .insideBottomLeft]
        for corner in corners {
            let box = insideFrame(corner, size: size, plot: layout.plot)
            let guardBox = Rect(x: box.x - 4, y: box.y - 4, width: box.width + 8, height: box.height + 8)
            if box.width <= layout.plot.width * 0.6, box.height <= layout.plot.height * 0.7,
               !data.contains(where: { $0.intersects(guardBox) }) {
                layout.legend = placeLegend(in: box, placement: corner, canvas: canvas)
                return layout
            }
        }
        if size.width <= frame.width * 0.3 {
            layout = plotLayout(in: frame, canvas: canvas, legendSpace: .right(size.width + 12))
            let box = Rect(x: layout.plot.maxX + 12, y: layout.plot.minY, width: size.width, height: size.height)
            layout.legend = placeLegend(in: box, placement: .outsideRight, canvas: canvas)
        } else {
            let flow = legendSize(canvas: canvas, horizontalWidth: frame.width - 2 * Self.padding)
            layout = plotLayout(in: frame, canvas: canvas, legendSpace: .top(flow.height + 6))
            let box = Rect(x: layout.plot.minX, y: layout.plot.minY - flow.height - 8,
                           width: flow.width, height: flow.height)
            layout.legend = placeLegend(in: box, placement: .outsideTop, canvas: canvas)
        }
        return layout
    }

    private enum LegendSpace { case none, right(Double), top(Double) }

    private func plotLayout(in frame: Rect, canvas: Canvas, legendSpace: LegendSpace) -> ChartLayout {
        var top = frame.minY + Self.padding
        if title != nil { top += TextStyle.title.size * 0.73 + 12 }
        if case let .top(height) = legendSpace { top += height }
        var bottom = frame.maxY - Self.padding
        if caption != nil { bottom -= TextStyle.caption.size * 0.73 + 12 }
        bottom -= Self.tickLength + 5 + TextStyle.tick().size * 0.73
        if axisTitle(x) != nil { bottom -= TextStyle.axisTitle.size * 0.73 + 10 }
        var right = frame.maxX - Self.padding - 6
        if case let .right(width) = legendSpace { right -= width }
        if let colorBar {
            let labels = [colorBar.minimum, colorBar.maximum].map { canvas.measure(TickFormatter.compact($0), .tick()).width }
            right -= 12 + 6 + (labels.max() ?? 0) + 6
        }
        // The y ticks depend on the plot height; their labels set the left margin.
        let height = max(20, bottom.rounded(.down) - top.rounded(.up))
        let yMapping = mapping(y, start: top.rounded(.up) + height, end: top.rounded(.up), length: height)
        var left = frame.minX + Self.padding
        if axisTitle(y) != nil { left += TextStyle.axisTitle.size * 0.73 + 10 }
        left += yLabelWidth(yMapping: yMapping, canvas: canvas) + Self.tickLength + 5
        // Whole CSS pixels keep axis lines, grid and bars on exact device pixels.
        left = left.rounded(.up)
        let width = max(20, right.rounded(.down) - left)
        let plot = Rect(x: left, y: top.rounded(.up), width: width, height: max(20, bottom.rounded(.down) - top.rounded(.up)))
        var layout = ChartLayout(frame: frame, scale: canvas.scale, plot: plot)
        switch x {
        case .numeric: layout.x = mapping(x, start: plot.minX, end: plot.maxX, length: width)
        case let .bands(labels, _, padding):
            layout.xBands = BandMapping(labels: labels, start: plot.minX, end: plot.maxX, padding: padding)
        }
        switch y {
        case .numeric: layout.y = yMapping
        case let .bands(labels, _, padding):
            layout.yBands = BandMapping(labels: labels, start: plot.minY, end: plot.maxY, padding: padding)
        }
        if let colorBar {
            layout.colorBar = ColorBarLayout(frame: Rect(x: plot.maxX + 12, y: plot.minY, width: 12, height: plot.height),
                                             minimum: colorBar.minimum, maximum: colorBar.maximum)
        }
        return layout
    }

    private func axisTitle(_ plan: AxisPlan) -> String? {
        switch plan {
        case let .numeric(axis, _, _, _, _): return axis.label
        case let .bands(_, title, _): return title
        }
    }

    private func mapping(_ plan: AxisPlan, start: Double, end: Double, length: Double) -> ScaleMapping? {
        guard case let .numeric(axis, minimum, maximum, includeZero, padding) = plan else { return nil }
        switch axis.scale {
        case .logarithmic:
            let low = axis.minimum ?? minimum
            let high = axis.maximum ?? maximum
            let ticks = NiceTicks.logarithmic(minimum: low, maximum: high)
            let lower = axis.minimum ?? ticks.lower
            let upper = axis.maximum ?? ticks.upper
            return ScaleMapping(lower: lower, upper: upper, start: start, end: end, scale: .logarithmic,
                                ticks: ticks.values.filter { $0 >= lower * 0.999_999 && $0 <= upper * 1.000_001 }, step: 0)
        case .linear:
            var low = minimum
            var high = maximum
            let span = high - low
            if padding > 0, span > 0 {
                low -= span * padding
                high += span * padding
            }
            if includeZero {
                low = min(low, 0)
                high = max(high, 0)
            }
            if let fixed = axis.minimum { low = fixed }
            if let fixed = axis.maximum { high = fixed }
            let target = max(3, min(9, Int(length / 55)))
            let ticks = NiceTicks.linear(minimum: low, maximum: high, target: target, integer: axis.integerTicks == true)
            let lower = axis.minimum ?? ticks.lower
            let upper = axis.maximum ?? ticks.upper
            let tolerance = ticks.step * 1e-9
            return ScaleMapping(lower: lower, upper: upper == lower ? lower + 1 : upper, start: start, end: end,
                                scale: .linear,
                                ticks: ticks.values.filter { $0 >= lower - tolerance && $0 <= upper + tolerance },
                                step: ticks.step)
        }
    }

    private func yLabelWidth(yMapping: ScaleMapping?, canvas: Canvas) -> Double {
        switch y {
        case .numeric:
            guard let yMapping else { return 0 }
            return yMapping.ticks.map { canvas.measure(TickFormatter.label($0, step: yMapping.step), .tick()).width }.max() ?? 0
        case let .bands(labels, _, _):
            return min(140, labels.map { canvas.measure($0, .tick()).width }.max() ?? 0)
        }
    }

    // MARK: - Legend

    private func legendSize(canvas: Canvas, horizontalWidth: Double?) -> (width: Double, height: Double) {
        let widths = legend.map { 18 + 6 + canvas.measure($0.label, .legend).width }
        guard let available = horizontalWidth else {
            return ((widths.max() ?? 0) + 12, Double(legend.count) * Self.rowHeight + 8)
        }
        var rows = 1
        var lineWidth = 0.0
        var widest = 0.0
        for width in widths {
            if lineWidth > 0, lineWidth + 14 + width > available - 12 {
                rows += 1
                lineWidth = 0
            }
            lineWidth += (lineWidth > 0 ? 14 : 0) + width
            widest = max(widest, lineWidth)
        }
        return (widest + 12, Double(rows) * Self.rowHeight + 8)
    }

    private func insideFrame(_ placement: LegendLayout.Placement, size: (width: Double, height: Double), plot: Rect) -> Rect {
        let inset = 6.0
        let left = plot.minX + inset
        let right = plot.maxX - inset - size.width
        let top = plot.minY + inset
        let bottom = plot.maxY - inset - size.height
        switch placement {
        case .insideTopLeft: return Rect(x: left, y: top, width: size.width, height: size.height)
        case .insideBottomRight: return Rect(x: right, y: bottom, width: size.width, height: size.height)
        case .insideBottomLeft: return Rect(x: left, y: bottom, width: size.width, height: size.height)
        default: return Rect(x: right, y: top, width: size.width, height: size.height)
        }
    }

    private func placeLegend(in box: Rect, placement: LegendLayout.Placement, canvas: Canvas) -> LegendLayout {
        var entries: [LegendLayout.Entry] = []
        var cursorX = box.minX + 6
        var rowTop = box.minY + 4
        for item in legend {
            let labelWidth = canvas.measure(item.label, .legend).width
            if placement == .outsideTop, cursorX > box.minX + 6, cursorX + 24 + labelWidth > box.maxX {
                cursorX = box.minX + 6
                rowTop += Self.rowHeight
            }
            let swatch = Rect(x: cursorX, y: rowTop + 3, width: 18, height: 10)
            entries.append(LegendLayout.Entry(item: item, swatch: swatch))
            if placement == .outsideTop {
                cursorX += 24 + labelWidth + 14
            } else {
                rowTop += Self.rowHeight
            }
        }
        return LegendLayout(frame: box, placement: placement, entries: entries)
    }

    // MARK: - Drawing

    /// Grid lines behind the data.
    func drawGrid(_ layout: ChartLayout, on canvas: Canvas) {
        let plot = layout.plot
        if let y = layout.y {
            for tick in y.ticks {
                let position = y.position(of: tick)
                canvas.fill(Rect(x: plot.minX, y: position - 0.5, width: plot.width, height: 1), Palette.grid)
            }
        }
        if let x = layout.x {
            for tick in x.ticks {
                let position = x.position(of: tick)
                canvas.fill(Rect(x: position - 0.5, y: plot.minY, width: 1, height: plot.height), Palette.grid)
            }
        }
    }

    /// Axes, ticks, labels, titles, legend, colour bar and caption, over the data.
    func drawFurniture(_ layout: ChartLayout, on canvas: Canvas) {
        let plot = layout.plot
        let frame = layout.frame
        // Axis lines sit just outside the plot so data never hides them.
        canvas.fill(Rect(x: plot.minX - 1, y: plot.minY, width: 1, height: plot.height + 1), Palette.axis)
        canvas.fill(Rect(x: plot.minX - 1, y: plot.maxY, width: plot.width + 1, height: 1), Palette.axis)

        let labelTop = plot.maxY + Self.tickLength + 4
        if let x = layout.x {
            var lastEnd = -Double.infinity
            let labels = x.ticks.map { TickFormatter.label($0, step: x.step) }
            let stride = Self.labelStride(labels.map { canvas.measure($0, .tick()).width },
                                          spacing: x.ticks.count > 1 ? abs(x.position(of: x.ticks[1]) - x.position(of: x.ticks[0])) : .infinity)
            for (index, tick) in x.ticks.enumerated() {
                let position = x.position(of: tick)
                canvas.fill(Rect(x: position - 0.5, y: plot.maxY, width: 1, height: Self.tickLength), Palette.axis)
                guard index % stride == 0 else { continue }
                let width = canvas.measure(labels[index], .tick()).width
                guard position - width / 2 > lastEnd + 4 else { continue }
                canvas.draw(labels[index], at: Point(x: position, y: labelTop), .tick())
                lastEnd = position + width / 2
            }
        }
        if let bands = layout.xBands {
            for (index, label) in bands.labels.enumerated() {
                let text = canvas.fitted(label, .tick(), maxWidth: bands.bandwidth - 4)
                canvas.draw(text, at: Point(x: bands.center(index), y: labelTop), .tick())
            }
        }
        if let y = layout.y {
            for tick in y.ticks {
                let position = y.position(of: tick)
                canvas.fill(Rect(x: plot.minX - 1 - Self.tickLength, y: position - 0.5, width: Self.tickLength, height: 1), Palette.axis)
                canvas.draw(TickFormatter.label(tick, step: y.step), at: Point(x: plot.minX - Self.tickLength - 5, y: position),
                            .tick(.end, .middle))
            }
        }
        if let bands = layout.yBands {
            for (index, label) in bands.labels.enumerated() {
                let text = canvas.fitted(label, .tick(), maxWidth: 140)
                canvas.draw(text, at: Point(x: plot.minX - Self.tickLength - 5, y: bands.center(index)), .tick(.end, .middle))
            }
        }
        if let title = axisTitle(x) {
            let top = labelTop + TextStyle.tick().size * 0.73 + 10
            let room = 2 * min(plot.center.x - frame.minX, frame.maxX - plot.center.x) - 2 * Self.padding
            canvas.draw(canvas.fitted(title, .axisTitle, maxWidth: room), at: Point(x: plot.center.x, y: top), .axisTitle)
        }
        if let title = axisTitle(y) {
            var style = TextStyle.axisTitle
            style.baseline = .middle
            canvas.draw(canvas.fitted(title, style, maxWidth: plot.height + 20),
                        at: Point(x: frame.minX + Self.padding + style.size * 0.73 / 2, y: plot.center.y), style,
                        vertical: true)
        }
        if let title {
            canvas.draw(canvas.fitted(title, .title, maxWidth: frame.width - 2 * Self.padding),
                        at: Point(x: frame.minX + Self.padding, y: frame.minY + Self.padding), .title)
        }
        if let caption {
            canvas.draw(canvas.fitted(caption, .caption, maxWidth: frame.width - 2 * Self.padding), at: Point(x: frame.minX + Self.padding, y: frame.maxY - Self.padding - TextStyle.caption.size * 0.73),
                        .caption)
        }
        if let legend = layout.legend { drawLegend(legend, on: canvas) }
        if let colorBar = layout.colorBar { drawColorBar(colorBar, on: canvas) }
    }

    private static func labelStride(_ widths: [Double], spacing: Double) -> Int {
        guard let widest = widths.max(), spacing > 0, spacing.isFinite else { return 1 }
        return max(1, Int((widest + 6) / spacing) + 1)
    }

    private func drawLegend(_ legend: LegendLayout, on canvas: Canvas) {
        canvas.fill(legend.frame, Palette.background)
        if legend.placement != .outsideTop {
            canvas.stroke(legend.frame, Palette.legendBorder)
        }
        for entry in legend.entries {
            let swatch = entry.swatch
            let center = swatch.center
            switch entry.item.mark {
            case let .line(marker):
                canvas.strokeLine([Point(x: swatch.minX, y: center.y), Point(x: swatch.maxX, y: center.y)],
                                  entry.item.color, width: 2)
                if marker { canvas.fillCircle(center: center, radius: 3.5, entry.item.color) }
            case .box:
                canvas.fill(swatch, entry.item.color)
            case .dot:
                canvas.fillCircle(center: center, radius: 4, entry.item.color)
            case .ring:
                canvas.fillCircle(center: center, radius: 5.5, entry.item.color)
                canvas.fillCircle(center: center, radius: 3.5, Palette.background)
            }
            canvas.draw(entry.item.label, at: Point(x: swatch.maxX + 6, y: center.y), .legend)
        }
    }

    private func drawColorBar(_ bar: ColorBarLayout, on canvas: Canvas) {
        let steps = max(1, Int(bar.frame.height))
        for step in 0..<steps {
            let t = 1 - (Double(step) + 0.5) / Double(steps)
            canvas.fill(Rect(x: bar.frame.minX, y: bar.frame.minY + Double(step), width: bar.frame.width, height: 1),
                        Palette.sequential(t))
        }
        canvas.stroke(bar.frame, Palette.legendBorder)
        let x = bar.frame.maxX + 6
        canvas.draw(TickFormatter.compact(bar.maximum), at: Point(x: x, y: bar.frame.minY), .tick(.start, .top))
        canvas.draw(TickFormatter.compact(bar.minimum), at: Point(x: x, y: bar.frame.maxY), .tick(.start, .alphabetic))
    }
}
