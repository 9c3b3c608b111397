import Foundation

/// What a data-set argument names — a catalogue entry or a folder of IDX files — by the one
/// rule every entry point uses (`ctx.dataset`, `lepton train`, `evaluate`, `predict`,
/// `bench`, `datasets verify`, and the cell cache's fingerprint):
///
/// 1. a catalogued name ("digits", "mnist") is the catalogue entry, even when a folder of
///    that name sits in the current directory: a run's data does not change with the folder
///    it is started from;
/// 2. anything else that is written as a path (it contains "/", or starts with "." or "~")
///    or names an existing folder is that folder — write `./mnist` to read a folder that
///    shares a catalogued name;
/// 3. anything else is an unknown data set (the error lists the catalogued names).
public enum DatasetReference: Sendable, Equatable {
    /// A catalogue entry, by name.
    case catalogued(String)
    /// A folder of the four MNIST-format IDX files.
    case folder(URL)

    /// Resolves `nameOrPath` against the catalogue's `names` by the rule above.
    public init(_ nameOrPath: String, catalogued names: [String]) throws(DataError) {
        if names.contains(nameOrPath) {
            self = .catalogued(nameOrPath)
            return
        }
        let path = DatasetCatalogue.expandingTilde(nameOrPath)
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        guard Self.isWrittenAsPath(nameOrPath) || (exists && isFolder.boolValue) else {
            throw .unknownDataset(name: nameOrPath, known: names)
        }
        self = .folder(URL(fileURLWithPath: path, isDirectory: true))
    }

    /// Resolves `nameOrPath` against the default catalogue (``DatasetCatalogue/init(directory:locations:)``).
    /// A path is resolved without reading the catalogue, so a folder loads where no
    /// `Datasets/` folder exists.
    public static func resolve(_ nameOrPath: String) throws(DataError) -> DatasetReference {
        if isWrittenAsPath(nameOrPath) {
            return .folder(URL(fileURLWithPath: DatasetCatalogue.expandingTilde(nameOrPath), isDirectory: true))
        }
        return try DatasetReference(nameOrPath, catalogued: try DatasetCatalogue().names)
    }

    /// Whether the argument is spelled as a path rather than a name.
    static func isWrittenAsPath(_ nameOrPath: String) -> Bool {
        nameOrPath.contains("/") || nameOrPath.hasPrefix(".") || nameOrPath.hasPrefix("~")
    }
}
