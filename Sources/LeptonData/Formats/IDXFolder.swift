import Foundation

/// A folder holding the four MNIST-format IDX files, named as users have them.
///
/// Each role accepts the dash names of the original distribution (`t10k-images-idx3-ubyte`)
/// and the dotted names many archives and tutorials leave (`t10k-images.idx3-ubyte`), each
/// plain or with `.gz`; the four files may mix spellings and compression. When a file is
/// present both plain and gzip-compressed under one spelling, the `.gz` copy is read; two
/// spellings of one role at once are refused as ambiguous.
public struct IDXFolder: Sendable {
    /// One of the four files: its role, where it was found, and the candidates that were looked for.
    public struct Role: Sendable, Equatable {
        /// "train-images", "train-labels", "test-images" or "test-labels".
        public let role: String
        /// The names accepted for this role, without `.gz`, the canonical dash name first.
        public let names: [String]
        /// Images (3 dimensions) or labels (1 dimension).
        public var dimensionCount: Int { role.hasSuffix("images") ? 3 : 1 }
    }

    /// The four roles with every accepted spelling.
    public static let roles: [Role] = DatasetCatalogue.idxFileNames.map { role, name in
        Role(role: role, names: [name, dottedName(name)])
    }

    /// `train-images-idx3-ubyte` → `train-images.idx3-ubyte`.
    static func dottedName(_ name: String) -> String {
        guard let dash = name.range(of: "-idx") else { return name }
        return name.replacingCharacters(in: dash, with: ".idx")
    }

    /// The folder.
    public let directory: URL

    /// Wraps `directory`; nothing is read until `locate` or `DatasetCatalogue.loadIDX`.
    public init(directory: URL) {
        self.directory = directory
    }

    /// What to tell a user whose folder lacks a file.
    public var remedy: String {
        "put the four MNIST-format IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, "
            + "t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; dotted names such as t10k-images.idx3-ubyte "
            + "are accepted too, each plain or .gz) in \(directory.path)"
    }

    /// The file holding `role`: a `.gz` copy before a plain one of the same spelling.
    public func locate(_ role: Role) throws(DataError) -> URL {
        let exists = { (name: String) in FileManager.default.fileExists(atPath: directory.appendingPathComponent(name).path) }
        var found: [URL] = []
        for name in role.names {
            if exists(name + ".gz") {
                found.append(directory.appendingPathComponent(name + ".gz"))
            } else if exists(name) {
                found.append(directory.appendingPathComponent(name))
            }
        }
        guard let first = found.first else {
            let tried = role.names.flatMap { [$0, $0 + ".gz"] }.joined(separator: ", ")
            throw .fileMissing(path: directory.appendingPathComponent(role.names[0]).path,
                               remedy: "none of \(tried) is there; \(remedy)")
        }
        guard found.count == 1 else {
            throw .ambiguousFiles(role: role.role, paths: found.map(\.path))
        }
        return first
    }
}
