import Foundation

/// Per-feature standardisation z = (x − μ) / σ, with μ and σ (population standard
/// deviation) fitted on the training split only, so no test statistic leaks into training.
public struct Standardizer: Sendable, Equatable, Codable {
    /// The columns it was fitted on.
    public let featureNames: [String]
    /// μ per feature.
    public let means: [Double]
    /// σ per feature (> 0).
    public let deviations: [Double]

    /// Fits μ and σ on `train`; a constant feature (σ = 0) is refused.
    public init(fittedOn train: TabularData) throws(TabularDataError) {
        let w = train.width, n = Double(train.count)
        var means = [Double](repeating: 0, count: w)
        for i in 0..<train.count { for (j, v) in train.row(i).enumerated() { means[j] += v } }
        means = means.map { $0 / n }
        var squares = [Double](repeating: 0, count: w)
        for i in 0..<train.count { for (j, v) in train.row(i).enumerated() { squares[j] += (v - means[j]) * (v - means[j]) } }
        let deviations = squares.map { ($0 / n).squareRoot() }
        for j in 0..<w where !(deviations[j] > 0) {
            throw .constantFeature(column: train.featureNames[j], value: means[j])
        }
        self.featureNames = train.featureNames
        self.means = means
        self.deviations = deviations
    }

    /// `data` with every feature standardised by the fitted μ and σ (targets unchanged).
    public func apply(_ data: TabularData) throws(TabularDataError) -> TabularData {
        guard data.featureNames == featureNames else { throw .columnsDiffer(fitted: featureNames, found: data.featureNames) }
        let w = featureNames.count
        var f = data.features
        for i in f.indices { f[i] = (f[i] - means[i % w]) / deviations[i % w] }
        return TabularData(source: data.source, featureNames: data.featureNames, targetName: data.targetName, features: f,
                           targets: data.targets, keys: data.keys)
    }
}
