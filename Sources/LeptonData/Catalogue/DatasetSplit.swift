/// A data set loaded and verified: its training and test sets, class names and file checksums.
public struct DatasetSplit: Sendable {
    /// The catalogue name ("digits", "fashion-mnist", "mnist") or the folder path for ad-hoc IDX files.
    public let name: String
    /// The training images.
    public let train: LabeledImages
    /// The held-out test images.
    public let test: LabeledImages
    /// A human-readable name for each class index.
    public let classNames: [String]
    /// SHA-256 (lower-case hex) of every file read, keyed by file name.
    public let checksums: [String: String]

    /// Bundles the parts of a loaded data set.
    public init(name: String, train: LabeledImages, test: LabeledImages,
                classNames: [String], checksums: [String: String]) {
        self.name = name
        self.train = train
        self.test = test
        self.classNames = classNames
        self.checksums = checksums
    }
}
