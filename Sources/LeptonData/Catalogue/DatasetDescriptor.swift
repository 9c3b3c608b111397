/// One data set's entry in `Datasets/catalogue.json`.
public struct DatasetDescriptor: Codable, Equatable, Sendable {
    /// Where a data set's files live.
    public enum Storage: String, Codable, Sendable {
        /// Committed in the repository, under `Datasets/<directory>`.
        case embedded
        /// Installed by a system package at an absolute `directory`.
        case system
        /// Fetched on request into a cache `directory` (a leading `~` means the home folder).
        case download
    }

    /// How a data set's files are encoded.
    public enum Format: String, Codable, Sendable {
        /// The UCI optical-digits CSV (64 pixels + label a line).
        case digitsCSV = "digits-csv"
        /// Four MNIST-format IDX files (train/test images and labels).
        case idx
    }

    /// The name used with `lepton datasets` and `DatasetCatalogue.load(name:)`.
    public let name: String
    /// One sentence on what the images show.
    public let description: String
    /// Who made it and where this copy comes from.
    public let source: String
    /// The licence and its attribution requirements.
    public let licence: String
    /// Where the files live.
    public let storage: Storage
    /// The folder holding the files (relative to `Datasets/` when embedded).
    public let directory: String
    /// How the files are encoded.
    public let format: Format
    /// What to do when a file is missing.
    public let whenMissing: String
    /// What to do when a file is corrupt (bad checksum or bad contents).
    public let whenCorrupt: String
    /// The shape of one image.
    public let shape: ImageShape
    /// The name of each class, by class index.
    public let classNames: [String]
    /// Every file with its SHA-256 and size.
    public let files: [DatasetFile]
    /// The train and test splits.
    public let splits: [SplitDescriptor]
    /// Base URLs to download from, tried in order (download storage only).
    public let mirrors: [String]?

    /// The file with the given role, if the data set has one.
    public func file(role: String) -> DatasetFile? {
        files.first { $0.role == role }
    }
}
