import Foundation

/// One entry of `Datasets/tabular.json`: a numeric CSV data set with its provenance.
public struct TabularDatasetDescriptor: Codable, Equatable, Sendable {
    /// The name used with ``TabularCatalogue/load(name:)``.
    public let name: String
    /// What the rows measure.
    public let description: String
    /// Who measured it and where this copy comes from (package and version).
    public let source: String
    /// The licence and attribution.
    public let licence: String
    /// The folder holding the file, relative to `Datasets/`.
    public let directory: String
    /// The CSV file's name inside ``directory``.
    public let file: String
    /// The file's SHA-256 (hex).
    public let sha256: String
    /// The file's size in bytes.
    public let bytes: Int
    /// The feature columns.
    public let features: [String]
    /// The target column and its unit ("temp_max", "°C").
    public let target: String
    /// The unit of the target.
    public let targetUnit: String
    /// The column the rows are ordered by (for time-ordered splits), if any.
    public let orderBy: String?
    /// The fraction of rows, from the start, that form the training split.
    public let trainFraction: Double
    /// What to do when the file is missing or corrupt.
    public let remedy: String
}
