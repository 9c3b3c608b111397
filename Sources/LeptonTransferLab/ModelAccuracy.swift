/// How well one transfer-time model predicted one link profile's transfers.
public struct ModelAccuracy: Hashable, Sendable, Codable {
    /// The profile's name.
    public var profile: String
    /// The model.
    public var model: TransferModel
    /// Transfers compared.
    public var transfers: Int
    /// Median of |predicted − measured| / measured.
    public var medianRelativeError: Double
    /// Largest relative error.
    public var maximumRelativeError: Double

    /// Accuracy of every model on every profile of `measurements`.
    public static func summarise(_ measurements: [LinkMeasurement]) -> [ModelAccuracy] {
        var rows: [ModelAccuracy] = []
        for measurement in measurements {
            for model in TransferModel.allCases {
                let errors = measurement.records.compactMap { $0.relativeError(model) }.sorted()
                guard !errors.isEmpty else { continue }
                let middle = errors.count / 2
                let median = errors.count % 2 == 1 ? errors[middle] : (errors[middle - 1] + errors[middle]) / 2
                rows.append(ModelAccuracy(profile: measurement.profile.name, model: model, transfers: errors.count,
                                          medianRelativeError: median, maximumRelativeError: errors.last ?? median))
            }
        }
        return rows
    }
}
