import Foundation

/// A numeric table read from a CSV file: named feature columns and one target column.
///
/// Features are row-major, `count × featureNames.count` values; `targets` has `count`
/// values; `keys` holds the order column's text for each row (empty when none was named).
public struct TabularData: Sendable, Equatable {
    /// Where the rows came from ("seattle-weather/train"), for messages.
    public let source: String
    /// The feature columns, in the order their values appear in each row.
    public let featureNames: [String]
    /// The target column.
    public let targetName: String
    /// `count × featureNames.count` feature values, row-major.
    public let features: [Double]
    /// One target value per row.
    public let targets: [Double]
    /// The order column's text per row (dates, timestamps), or empty.
    public let keys: [String]

    /// A table from its parts; `features.count` must be `targets.count × featureNames.count`.
    public init(source: String, featureNames: [String], targetName: String, features: [Double], targets: [Double],
                keys: [String] = []) {
        precondition(features.count == targets.count * featureNames.count,
                     "TabularData \(source): \(features.count) feature values for \(targets.count) rows × \(featureNames.count) columns")
        precondition(keys.isEmpty || keys.count == targets.count, "TabularData \(source): \(keys.count) keys for \(targets.count) rows")
        self.source = source
        self.featureNames = featureNames
        self.targetName = targetName
        self.features = features
        self.targets = targets
        self.keys = keys
    }

    /// Number of rows.
    public var count: Int { targets.count }

    /// Number of feature columns.
    public var width: Int { featureNames.count }

    /// The features of row `i`.
    public func row(_ i: Int) -> ArraySlice<Double> { features[(i * width)..<((i + 1) * width)] }

    /// The rows at `indices`, in that order.
    public func subset(_ indices: [Int], source: String? = nil) -> TabularData {
        var f: [Double] = []
        f.reserveCapacity(indices.count * width)
        for i in indices { f.append(contentsOf: row(i)) }
        return TabularData(source: source ?? self.source, featureNames: featureNames, targetName: targetName, features: f,
                           targets: indices.map { targets[$0] }, keys: keys.isEmpty ? [] : indices.map { keys[$0] })
    }

    /// Splits in time: the first ⌊fraction·count⌋ rows (in file order, which the reader
    /// checked is non-decreasing in the order column) train, the rest test. No shuffling,
    /// so no future row informs the past.
    public func timeOrderedSplit(trainFraction fraction: Double) throws(TabularDataError) -> (train: TabularData, test: TabularData) {
        let cut = Int((fraction * Double(count)).rounded(.down))
        guard fraction > 0, fraction < 1, cut > 0, cut < count else { throw .badSplit(path: source, fraction: fraction, rows: count) }
        return (subset(Array(0..<cut), source: "\(source)/train"), subset(Array(cut..<count), source: "\(source)/test"))
    }
}
