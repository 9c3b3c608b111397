/// Empirical cumulative distribution functions: for each value x, the fraction of
/// samples ≤ x — latency distributions, where tails matter.
public struct CDFChart: Hashable, Sendable {
    /// Title drawn above the plot.
    public var title: String?
    /// Small text drawn under the chart.
    public var caption: String?
    /// One step curve per sample set.
    public var series: [SampleSeries]
    /// The value axis (x); logarithmic suits long tails.
    public var valueAxis: Axis
    /// Fractions at which light reference lines are drawn (for example 0.5 and 0.99).
    public var referenceFractions: [Double]
    /// Size in CSS pixels.
    public var size: ChartSize

    /// A CDF chart.
    public init(title: String? = nil, caption: String? = nil, series: [SampleSeries], valueAxis: Axis = Axis(),
                referenceFractions: [Double] = [0.5, 0.95, 0.99], size: ChartSize = .standard) {
        self.title = title
        self.caption = caption
        self.series = series
        self.valueAxis = valueAxis
        self.referenceFractions = referenceFractions
        self.size = size
    }

    /// The step curve of `samples`: (x, F(x)) corners, at most about 1 000 steps.
    ///
    /// F(x) = (number of samples ≤ x) / n. Large sets are thinned to evenly spaced
    /// ranks so the curve keeps its shape at any size.
    public static func steps(of samples: [Double]) -> [(x: Double, y: Double)] {
        let sorted = samples.sorted()
        let n = sorted.count
        guard n > 0 else { return [] }
        let stride = max(1, n / 1000)
        var corners: [(Double, Double)] = [(sorted[0], 0)]
        var rank = 0
        while rank < n {
            let next = min(n, rank + stride)
            let x = sorted[next - 1]
            corners.append((x, Double(rank) / Double(n)))
            corners.append((x, Double(next) / Double(n)))
            rank = next
        }
        return corners
    }
}
