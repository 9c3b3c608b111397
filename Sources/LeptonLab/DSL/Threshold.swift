/// How much a metric may move in its bad direction before `lepton check` calls it a
/// regression. A change counts only when it exceeds every declared tolerance *and* is
/// statistically significant (Mann–Whitney over replicates or samples), or — for a
/// deterministic metric with one value per side — simply exceeds the tolerances.
public struct Threshold: ExperimentComponent, Sendable, Codable, Equatable {
    /// The metric.
    public var metric: String
    /// Largest allowed change in the bad direction, in the metric's unit.
    public var absolute: Double?
    /// Largest allowed change in the bad direction, as a fraction of the baseline.
    public var relative: Double?
    /// For distribution metrics: the percentiles compared (each must stay within the tolerances).
    public var percentiles: [Double]
    /// Significance level of the test.
    public var alpha: Double
    /// This threshold, as one experiment item.
    public var items: [ExperimentItem] { [.threshold(self)] }

    /// A threshold on a declared metric; give `absolute`, `relative` or both.
    public init(_ metric: Metric, absolute: Double? = nil, relative: Double? = nil, percentiles: [Double] = [50, 95],
                alpha: Double = 0.01) {
        self.init(named: metric.name, absolute: absolute, relative: relative, percentiles: percentiles, alpha: alpha)
    }

    /// A threshold by metric name (thresholds.json, `--threshold` on the command line).
    public init(named metric: String, absolute: Double? = nil, relative: Double? = nil, percentiles: [Double] = [50, 95],
                alpha: Double = 0.01) {
        self.metric = metric
        self.absolute = absolute
        self.relative = relative
        self.percentiles = percentiles
        self.alpha = alpha
    }

    /// The default for metrics without a declared threshold: 1 % for deterministic values,
    /// 25 % for wall-clock measurements.
    static func fallback(for metric: String, measured: Bool) -> Threshold {
        Threshold(named: metric, relative: measured ? 0.25 : 0.01)
    }

    /// "±0.01 or ±2 %" for messages.
    public var tolerance: String {
        var parts: [String] = []
        if let a = absolute { parts.append("\(format(a)) absolute") }
        if let r = relative { parts.append("\(format(r * 100)) % relative") }
        return parts.isEmpty ? "none" : parts.joined(separator: " and ")
    }
}
