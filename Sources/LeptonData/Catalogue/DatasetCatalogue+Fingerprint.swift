import Foundation

extension DatasetCatalogue {
    /// The checksums loading `nameOrPath` would record now, keyed by file name, without
    /// parsing anything: for a catalogue entry, its catalogued SHA-256s (loading verifies the
    /// files against them); for a folder, the SHA-256 of each file ``IDXFolder`` locates —
    /// exactly the files ``loadIDX(directory:classNames:allowUnseenTestClasses:)`` reads, so a
    /// folder holding both `x` and `x.gz` is fingerprinted by the `x.gz` it reads. Nil when a
    /// file is missing or the name resolves to nothing (``DatasetReference``).
    public static func currentChecksums(of nameOrPath: String) -> [String: String]? {
        guard let reference = try? DatasetReference.resolve(nameOrPath) else { return nil }
        switch reference {
        case let .folder(url):
            let folder = IDXFolder(directory: url)
            var sums: [String: String] = [:]
            for role in IDXFolder.roles {
                guard let file = try? folder.locate(role), let digest = try? SHA256.hexDigest(ofFile: file) else { return nil }
                sums[file.lastPathComponent] = digest
            }
            return sums
        case let .catalogued(name):
            guard let catalogue = try? DatasetCatalogue(), let descriptor = try? catalogue.descriptor(named: name) else { return nil }
            return Dictionary(descriptor.files.map { ($0.name, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        }
    }
}
