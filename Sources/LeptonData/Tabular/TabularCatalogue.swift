import Foundation

/// The tabular data sets in `Datasets/tabular.json`, loaded with their checksums verified.
///
/// Image data sets stay in `catalogue.json` (``DatasetCatalogue``); this file uses the
/// same `Datasets/` folder (``DatasetCatalogue/locateDirectory(environment:)``).
public struct TabularCatalogue: Sendable {
    /// The catalogue's file name inside `Datasets/`.
    public static let fileName = "tabular.json"
    /// The `Datasets/` folder.
    public let directory: URL
    /// Every entry.
    public let datasets: [TabularDatasetDescriptor]

    private struct Document: Codable { let version: Int; let datasets: [TabularDatasetDescriptor] }

    /// Reads `tabular.json` from `directory` (default: the located `Datasets/` folder).
    public init(directory: URL? = nil) throws(TabularDataError) {
        let folder: URL
        if let directory { folder = directory } else {
            do { folder = try DatasetCatalogue.locateDirectory() } catch {
                throw .catalogue(path: "Datasets/\(Self.fileName)", problem: error.description)
            }
        }
        let url = folder.appendingPathComponent(Self.fileName)
        do {
            let document = try JSONDecoder().decode(Document.self, from: Data(contentsOf: url))
            self.directory = folder
            self.datasets = document.datasets
        } catch {
            throw .catalogue(path: url.path, problem: "cannot read the tabular catalogue (\(error)); restore it with `git checkout -- Datasets/\(Self.fileName)`")
        }
    }

    /// The entry called `name`.
    public func descriptor(named name: String) throws(TabularDataError) -> TabularDatasetDescriptor {
        guard let d = datasets.first(where: { $0.name == name }) else {
            throw .catalogue(path: directory.appendingPathComponent(Self.fileName).path,
                             problem: "no tabular data set '\(name)'; known: \(datasets.map(\.name).joined(separator: ", "))")
        }
        return d
    }

    /// The file of `descriptor`.
    public func url(for descriptor: TabularDatasetDescriptor) -> URL {
        directory.appendingPathComponent(descriptor.directory, isDirectory: true).appendingPathComponent(descriptor.file)
    }

    /// Reads the data set `name` after checking its SHA-256 against the catalogue.
    public func load(name: String) throws(TabularDataError) -> (data: TabularData, descriptor: TabularDatasetDescriptor) {
        let d = try descriptor(named: name)
        let url = url(for: d)
        let digest: String
        do { digest = try SHA256.hexDigest(ofFile: url) } catch {
            throw .readFailed(path: url.path, reason: "\(error.description); \(d.remedy)")
        }
        guard digest == d.sha256 else { throw .checksumMismatch(path: url.path, expected: d.sha256, found: digest, remedy: d.remedy) }
        let data = try TabularCSV.read(contentsOf: url, features: d.features, target: d.target, orderBy: d.orderBy)
        return (TabularData(source: d.name, featureNames: data.featureNames, targetName: data.targetName,
                            features: data.features, targets: data.targets, keys: data.keys), d)
    }
}
