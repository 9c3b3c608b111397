import Foundation

/// The data sets Lepton knows, read from `Datasets/catalogue.json`, and the way to load them.
///
/// Loading checks the SHA-256 of every file against the catalogue before parsing
/// anything, so a corrupt or substituted file is reported instead of silently trained on.
///
/// ```swift
/// let digits = try DatasetCatalogue.load(name: "digits")
/// print(digits.train.count, digits.test.count)   // 1442 355
/// ```
public struct DatasetCatalogue: Sendable {
    /// The catalogue's file name inside the `Datasets/` folder.
    public static let fileName = "catalogue.json"
    /// The environment variable that, when set, names the `Datasets/` folder to use.
    public static let environmentVariable = "LEPTON_DATASETS"
    /// The standard MNIST-format file names by role, without a `.gz` suffix.
    public static let idxFileNames: [(role: String, name: String)] = [
        ("train-images", "train-images-idx3-ubyte"), ("train-labels", "train-labels-idx1-ubyte"),
        ("test-images", "t10k-images-idx3-ubyte"), ("test-labels", "t10k-labels-idx1-ubyte"),
    ]

    /// The `Datasets/` folder the catalogue was read from.
    public let directory: URL
    /// Every catalogued data set, in catalogue order.
    public let datasets: [DatasetDescriptor]
    private let locations: [String: URL]

    /// Reads the catalogue in `directory` (default: `locateDirectory()`).
    ///
    /// `locations` overrides the folder of named data sets (for a custom MNIST cache, a
    /// non-standard install, or tests).
    public init(directory: URL? = nil, locations: [String: URL] = [:]) throws(DataError) {
        let folder: URL
        if let directory {
            folder = directory
        } else {
            folder = try Self.locateDirectory()
        }
        let file = folder.appendingPathComponent(Self.fileName)
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(file, remedy: "")
        } catch {
            throw .catalogueUnreadable(path: file.path, reason: "\(Self.shortReason(error))")
        }
        let document: CatalogueDocument
        do {
            document = try JSONDecoder().decode(CatalogueDocument.self, from: Data(bytes))
        } catch {
            throw .catalogueUnreadable(path: file.path, reason: "\(error)")
        }
        self.directory = folder
        self.datasets = document.datasets
        self.locations = locations
    }

    /// Finds the `Datasets/` folder.
    ///
    /// Order: `$LEPTON_DATASETS` if set; else `<package root>/Datasets`, found from this
    /// source file's path; else `<prefix>/share/lepton/Datasets` beside an installed
    /// `<prefix>/bin/lepton`; else `./Datasets` in the current directory. The first folder
    /// holding a `catalogue.json` wins.
    public static func locateDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(DataError) -> URL {
        if let override = environment[environmentVariable], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        // This file is Sources/LeptonData/Catalogue/DatasetCatalogue.swift: four folders below the root.
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let installed = URL(fileURLWithPath: CommandLine.arguments.first ?? "/").resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("share/lepton/Datasets", isDirectory: true)
        let candidates = [
            packageRoot.appendingPathComponent("Datasets", isDirectory: true),
            installed,
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
                .appendingPathComponent("Datasets", isDirectory: true),
        ]
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate.appendingPathComponent(fileName).path) {
            return candidate
        }
        throw .datasetsFolderNotFound(searched: candidates.map(\.path))
    }

    /// Loads a data set by catalogue name, or from a folder of IDX files, by the one rule of
    /// ``DatasetReference`` (a path needs no catalogue).
    public static func load(name: String) throws(DataError) -> DatasetSplit {
        switch try DatasetReference.resolve(name) {
        case let .folder(url): return try loadIDX(directory: url)
        case let .catalogued(entry): return try DatasetCatalogue().load(name: entry)
        }
    }

    /// The names of all catalogued data sets.
    public var names: [String] { datasets.map(\.name) }

    /// The entry called `name`.
    public func descriptor(named name: String) throws(DataError) -> DatasetDescriptor {
        guard let descriptor = datasets.first(where: { $0.name == name }) else {
            throw .unknownDataset(name: name, known: names)
        }
        return descriptor
    }

    /// The folder that holds (or would hold) the files of `descriptor`.
    public func folder(for descriptor: DatasetDescriptor) -> URL {
        if let override = locations[descriptor.name] { return override }
        switch descriptor.storage {
        case .embedded:
            return directory.appendingPathComponent(descriptor.directory, isDirectory: true)
        case .system, .download:
            return URL(fileURLWithPath: Self.expandingTilde(descriptor.directory), isDirectory: true)
        }
    }

    /// Whether every file of `descriptor` exists locally (checksums are not checked).
    public func isPresent(_ descriptor: DatasetDescriptor) -> Bool {
        let folder = folder(for: descriptor)
        return descriptor.files.allSatisfy {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent($0.name).path)
        }
    }

    /// Recomputes the SHA-256 of every file of data set `name` and compares it with the catalogue.
    ///
    /// Returns the verified files in catalogue order; throws `fileMissing` or
    /// `checksumMismatch` for the first file that fails.
    @discardableResult
    public func verify(name: String) throws(DataError) -> [DatasetFile] {
        let descriptor = try descriptor(named: name)
        _ = try readVerified(descriptor)
        return descriptor.files
    }

    /// Loads data set `name`, verifying every file's checksum before parsing any.
    ///
    /// A name this catalogue does not hold is read as a folder with `loadIDX(directory:)`
    /// when ``DatasetReference`` resolves it to one.
    public func load(name: String) throws(DataError) -> DatasetSplit {
        let descriptor: DatasetDescriptor
        switch try DatasetReference(name, catalogued: names) {
        case let .folder(url): return try Self.loadIDX(directory: url)
        case let .catalogued(entry): descriptor = try self.descriptor(named: entry)
        }
        let contents = try readVerified(descriptor)
        let checksums = Dictionary(uniqueKeysWithValues: descriptor.files.map { ($0.name, $0.sha256) })
        let folder = folder(for: descriptor)
        let split: (train: LabeledImages, test: LabeledImages)
        switch descriptor.format {
        case .digitsCSV:
            let file = try requireFile(descriptor, role: "csv")
            let all = try DigitsCSV.parse(contents[file.name] ?? [], path: folder.appendingPathComponent(file.name).path,
                                          name: descriptor.name, remedy: descriptor.whenCorrupt)
            split = all.stratifiedSplit(testEvery: DigitsCSV.testEvery)
        case .idx:
            var parts: [String: LabeledImages] = [:]
            for part in ["train", "test"] {
                let images = try requireFile(descriptor, role: "\(part)-images")
                let labels = try requireFile(descriptor, role: "\(part)-labels")
                let imagesPath = folder.appendingPathComponent(images.name).path
                let labelsPath = folder.appendingPathComponent(labels.name).path
                let imagesIDX = try IDXFile.parse(contents[images.name] ?? [], path: imagesPath, dimensionCount: 3,
                                                  remedy: descriptor.whenCorrupt)
                let labelsIDX = try IDXFile.parse(contents[labels.name] ?? [], path: labelsPath, dimensionCount: 1,
                                                  remedy: descriptor.whenCorrupt)
                parts[part] = try LabeledImages.fromIDX(
                    images: imagesIDX, imagesPath: imagesPath, labels: labelsIDX, labelsPath: labelsPath,
                    name: "\(descriptor.name)/\(part)", classCount: descriptor.classNames.count,
                    remedy: descriptor.whenCorrupt)
            }
            guard let train = parts["train"], let test = parts["test"] else {
                throw .catalogueUnreadable(path: directory.appendingPathComponent(Self.fileName).path,
                                           reason: "\(descriptor.name) lacks a train or test split")
            }
            split = (train, test)
        }
        for (part, set) in [("train", split.train), ("test", split.test)] {
            let found = ImageShape(height: set.height, width: set.width, channels: set.channels)
            guard found == descriptor.shape else {
                let role = descriptor.format == .idx ? "\(part)-images" : "csv"
                let file = descriptor.file(role: role)?.name ?? descriptor.name
                throw .shapeMismatch(path: folder.appendingPathComponent(file).path,
                                     expected: [descriptor.shape.height, descriptor.shape.width, descriptor.shape.channels],
                                     found: [found.height, found.width, found.channels],
                                     remedy: descriptor.whenCorrupt)
            }
        }
        return DatasetSplit(name: descriptor.name, train: split.train, test: split.test,
                            classNames: descriptor.classNames, checksums: checksums)
    }

    /// Loads a folder holding the four MNIST-format IDX files, each plain or `.gz`, with dash
    /// or dotted names (see `IDXFolder`).
    ///
    /// No checksums are known for such a folder, so they are computed and returned in
    /// `checksums` rather than verified. The class count is `classNames.count` when given,
    /// else one more than the largest *training* label; class names default to "0", "1", ….
    /// A test label of a class that has no training sample is refused (it would silently widen
    /// the model's output) unless `allowUnseenTestClasses`, which widens the class count to cover it.
    public static func loadIDX(directory: URL, classNames: [String]? = nil,
                               allowUnseenTestClasses: Bool = false) throws(DataError) -> DatasetSplit {
        let folder = IDXFolder(directory: directory)
        let remedy = folder.remedy
        var files: [String: (url: URL, idx: IDXFile)] = [:]
        var checksums: [String: String] = [:]
        for role in IDXFolder.roles {
            let url = try folder.locate(role)
            let bytes = try FileBytes.read(url, remedy: remedy)
            checksums[url.lastPathComponent] = SHA256.hexDigest(bytes)
            files[role.role] = (url, try IDXFile.parse(bytes, path: url.path, dimensionCount: role.dimensionCount, remedy: remedy))
        }
        guard let trainImages = files["train-images"], let trainLabels = files["train-labels"],
              let testImages = files["test-images"], let testLabels = files["test-labels"] else {
            throw .fileMissing(path: directory.path, remedy: remedy)
        }
        var classCount = classNames?.count ?? Int(trainLabels.idx.elements.max() ?? 0) + 1
        if classNames == nil {
            var seen = [Bool](repeating: false, count: 256)
            for label in trainLabels.idx.elements { seen[Int(label)] = true }
            if let index = testLabels.idx.elements.firstIndex(where: { !seen[Int($0)] }) {
                let label = Int(testLabels.idx.elements[index])
                if allowUnseenTestClasses {
                    classCount = max(classCount, Int(testLabels.idx.elements.max() ?? 0) + 1)
                } else {
                    throw .testClassNotInTraining(path: testLabels.url.path, index: index, label: label,
                                                  trainingPath: trainLabels.url.path,
                                                  trainingClasses: (0..<256).filter { seen[$0] })
                }
            }
        }
        let names = classNames ?? (0..<classCount).map(String.init)
        let folderName = directory.path
        let train = try LabeledImages.fromIDX(
            images: trainImages.idx, imagesPath: trainImages.url.path, labels: trainLabels.idx,
            labelsPath: trainLabels.url.path, name: "\(folderName)/train", classCount: classCount, remedy: remedy)
        let test = try LabeledImages.fromIDX(
            images: testImages.idx, imagesPath: testImages.url.path, labels: testLabels.idx,
            labelsPath: testLabels.url.path, name: "\(folderName)/test", classCount: classCount, remedy: remedy)
        guard test.imageShape == train.imageShape else {
            throw .shapeMismatch(path: testImages.url.path, expected: train.imageShape, found: test.imageShape,
                                 remedy: remedy)
        }
        return DatasetSplit(name: folderName, train: train, test: test, classNames: names, checksums: checksums)
    }

    /// Reads every file of `descriptor` and checks its SHA-256, before anything is parsed.
    private func readVerified(_ descriptor: DatasetDescriptor) throws(DataError) -> [String: [UInt8]] {
        var contents: [String: [UInt8]] = [:]
        for file in descriptor.files { contents[file.name] = try readVerified(file, of: descriptor).bytes }
        return contents
    }

    /// One file of `descriptor`, read and checked against its catalogued SHA-256 (the
    /// descriptor's remedies in the errors); also its location and digest.
    func readVerified(_ file: DatasetFile, of descriptor: DatasetDescriptor) throws(DataError)
        -> (bytes: [UInt8], url: URL, sha256: String) {
        let url = folder(for: descriptor).appendingPathComponent(file.name)
        let bytes = try FileBytes.read(url, remedy: descriptor.whenMissing)
        let found = SHA256.hexDigest(bytes)
        guard found == file.sha256.lowercased() else {
            throw .checksumMismatch(file: url.path, expected: file.sha256.lowercased(), found: found,
                                    remedy: descriptor.whenCorrupt)
        }
        return (bytes, url, found)
    }

    private func requireFile(_ descriptor: DatasetDescriptor, role: String) throws(DataError) -> DatasetFile {
        guard let file = descriptor.file(role: role) else {
            throw .catalogueUnreadable(path: directory.appendingPathComponent(Self.fileName).path,
                                       reason: "data set \(descriptor.name) has no file with role \(role)")
        }
        return file
    }

    /// `path` with a leading `~` replaced by the home folder.
    static func expandingTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + path.dropFirst()
    }

    private static func shortReason(_ error: DataError) -> String {
        switch error {
        case .fileMissing: return "file not found"
        case let .readFailed(_, reason): return reason
        default: return "\(error)"
        }
    }
}
