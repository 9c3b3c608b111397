/// One file of a data set as the catalogue records it: name, role, SHA-256 and size.
public struct DatasetFile: Codable, Equatable, Sendable {
    /// The file name inside the data set's folder, such as "train-images-idx3-ubyte.gz".
    public let name: String
    /// What the file holds: "train-images", "train-labels", "test-images", "test-labels" or "csv".
    public let role: String
    /// The SHA-256 of the file as stored (compressed bytes for .gz files), lower-case hex.
    public let sha256: String
    /// The file's size in bytes as stored.
    public let bytes: Int

    /// Describes one file.
    public init(name: String, role: String, sha256: String, bytes: Int) {
        self.name = name
        self.role = role
        self.sha256 = sha256
        self.bytes = bytes
    }
}
