import LeptonCharts

/// Level changes in a metric's history.
public enum Trend {
    /// The index of the first value after the most pronounced level change, when the means
    /// before and after differ by more than `minimumShift` (relative to the earlier level)
    /// and by more than four pooled standard deviations; nil otherwise.
    public static func step(in values: [Double], minimumShift: Double = 0.01) -> Int? {
        guard values.count >= 4 else { return nil }
        var best: (index: Int, score: Double)?
        for k in 2...(values.count - 2) {
            let left = Array(values[..<k]), right = Array(values[k...])
            let ml = left.reduce(0, +) / Double(left.count), mr = right.reduce(0, +) / Double(right.count)
            let ss = left.reduce(0) { $0 + ($1 - ml) * ($1 - ml) } + right.reduce(0) { $0 + ($1 - mr) * ($1 - mr) }
            let pooled = (ss / Double(max(values.count - 2, 1))).squareRoot()
            let shift = abs(mr - ml)
            guard shift > minimumShift * max(abs(ml), 1e-12) else { continue }
            let score = pooled == 0 ? .infinity : shift / pooled
            guard score > 4 else { continue }
            if best == nil || score > best!.score { best = (k, score) }
        }
        return best?.index
    }

    /// A line chart of `values` (one per run, oldest first) with the detected step drawn
    /// as a vertical "level change" line.
    public static func chart(metric: String, unit: String?, runs: [String], values: [Double]) -> (Chart, Int?) {
        let x = values.indices.map { Double($0 + 1) }
        var series = [LineSeries(metric, x: x, y: values)]
        let step = step(in: values)
        if let k = step, let lo = values.min(), let hi = values.max() {
            series.append(LineSeries("level change", x: [Double(k) + 0.5, Double(k) + 0.5], y: [lo, hi], markers: false))
        }
        let chart = Chart.line(LineChart(title: "\(metric) across runs", series: series,
                                         xAxis: Axis("Run (oldest first)"), yAxis: Axis(metric, unit: unit)))
        return (chart, step)
    }
}
