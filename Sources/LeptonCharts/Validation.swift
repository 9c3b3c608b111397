/// Checks shared by the chart kinds, run before anything is drawn.
enum Validation {
    static func finite(_ values: [Double], chart: String, series: String) throws(ChartError) {
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteValue(chart: chart, series: series, index: index)
        }
    }

    static func positive(_ values: [Double], on axis: Axis, chart: String, name: String) throws(ChartError) {
        guard axis.scale == .logarithmic else { return }
        if let bad = values.first(where: { $0 <= 0 }) {
            throw .nonPositiveOnLogAxis(chart: chart, axis: name, value: bad)
        }
    }

    static func size(_ size: ChartSize, chart: String) throws(ChartError) {
        guard size.width.isFinite, size.height.isFinite, size.width >= 40, size.height >= 40 else {
            throw .invalidSize(chart: chart, width: size.width, height: size.height)
        }
    }

    /// Smallest and largest of `values`, or nil when empty.
    static func extent(_ values: [Double]) -> (Double, Double)? {
        guard var low = values.first else { return nil }
        var high = low
        for value in values {
            low = min(low, value)
            high = max(high, value)
        }
        return (low, high)
    }

    /// Small rectangles along a polyline, for legend collision checks.
    static func footprint(of points: [Point], radius: Double = 3) -> [Rect] {
        var rects: [Rect] = []
        for (index, point) in points.enumerated() {
            rects.append(Rect(x: point.x - radius, y: point.y - radius, width: 2 * radius, height: 2 * radius))
            guard index > 0 else { continue }
            let previous = points[index - 1]
            let dx = point.x - previous.x
            let dy = point.y - previous.y
            let steps = Int(max(abs(dx), abs(dy)) / 4)
            guard steps > 1 else { continue }
            for step in 1..<steps {
                let t = Double(step) / Double(steps)
                let x = previous.x + dx * t
                let y = previous.y + dy * t
                rects.append(Rect(x: x - radius, y: y - radius, width: 2 * radius, height: 2 * radius))
            }
        }
        return rects
    }
}
