/// Field-standard regression scores of predictions ŷ against targets y (n values each):
/// MSE = (1/n) Σ (y − ŷ)², MAE = (1/n) Σ |y − ŷ|, R² = 1 − Σ (y − ŷ)² / Σ (y − ȳ)² with ȳ
/// the mean of the same targets (so predicting the targets' own mean gives R² = 0, and a
/// constant fitted elsewhere, such as the training mean, gives R² ≤ 0).
public struct RegressionMetrics: Sendable, Hashable, Codable {
    /// Mean squared error, in the target's unit squared.
    public let mse: Double
    /// Mean absolute error, in the target's unit.
    public let mae: Double
    /// Coefficient of determination (unitless, ≤ 1).
    public let r2: Double
    /// n, the number of pairs.
    public let count: Int

    /// The scores of `predictions` against `targets` (same length, at least one pair).
    public init(predictions: [Double], targets: [Double]) {
        precondition(predictions.count == targets.count && !targets.isEmpty,
                     "RegressionMetrics: \(predictions.count) predictions for \(targets.count) targets")
        let n = Double(targets.count)
        let mean = targets.reduce(0, +) / n
        var sse = 0.0, sae = 0.0, sst = 0.0
        for (p, y) in zip(predictions, targets) {
            sse += (y - p) * (y - p)
            sae += abs(y - p)
            sst += (y - mean) * (y - mean)
        }
        mse = sse / n
        mae = sae / n
        r2 = sst > 0 ? 1 - sse / sst : (sse == 0 ? 1 : -.infinity)
        count = targets.count
    }

    /// Root mean squared error, in the target's unit.
    public var rmse: Double { mse.squareRoot() }
}
