import Foundation

/// Opt-in downloader for the original MNIST files (or any table of checksummed files).
///
/// Each file is fetched from the mirrors in order into a temporary file in the cache
/// folder, its SHA-256 checked, and only then renamed into place, so the cache never
/// holds a half-written or unverified file. Files already cached with the right checksum
/// are not fetched again. `file://` mirrors work too, which is how the tests run offline.
public struct MNISTDownloader: Sendable {
    /// Mirrors of the original MNIST files, tried in order.
    public static let defaultMirrors: [URL] = [
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "https://storage.googleapis.com/cvdf-datasets/mnist/",
    ].compactMap { URL(string: $0) }

    /// The four original MNIST files with their published SHA-256s and sizes.
    public static let mnistFiles: [DatasetFile] = [
        DatasetFile(name: "train-images-idx3-ubyte.gz", role: "train-images",
                    sha256: "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609", bytes: 9_912_422),
        DatasetFile(name: "train-labels-idx1-ubyte.gz", role: "train-labels",
                    sha256: "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c", bytes: 28_881),
        DatasetFile(name: "t10k-images-idx3-ubyte.gz", role: "test-images",
                    sha256: "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6", bytes: 1_648_877),
        DatasetFile(name: "t10k-labels-idx1-ubyte.gz", role: "test-labels",
                    sha256: "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6", bytes: 4_542),
    ]

    /// The default cache folder, `~/.cache/lepton/mnist` (the catalogue's `mnist` directory).
    public static var defaultCacheDirectory: URL {
        URL(fileURLWithPath: DatasetCatalogue.expandingTilde("~/.cache/lepton/mnist"), isDirectory: true)
    }

    /// Base URLs tried in order; each file's name is appended.
    public let mirrors: [URL]
    /// The files to fetch, with the checksums they must have.
    public let files: [DatasetFile]
    /// The folder the files end up in.
    public let cacheDirectory: URL
    /// Seconds to wait for a mirror to answer.
    public let timeout: TimeInterval

    /// Configures a downloader; the defaults fetch the real MNIST into `~/.cache/lepton/mnist`.
    public init(mirrors: [URL] = MNISTDownloader.defaultMirrors,
                files: [DatasetFile] = MNISTDownloader.mnistFiles,
                cacheDirectory: URL = MNISTDownloader.defaultCacheDirectory,
                timeout: TimeInterval = 60) {
        self.mirrors = mirrors
        self.files = files
        self.cacheDirectory = cacheDirectory
        self.timeout = timeout
    }

    /// Makes sure every file is in the cache with the right checksum, fetching what is not.
    ///
    /// Returns the cached files' URLs in table order. Throws `downloadFailed` (listing every
    /// mirror's failure) when no mirror delivers a good copy of a file; nothing is left
    /// behind for that file.
    @discardableResult
    public func download(progress: (DownloadEvent) -> Void = { _ in }) throws(DataError) -> [URL] {
        do {
            try FileManager.default.createDirectory(at: cacheDirectory, withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(path: cacheDirectory.path, reason: error.localizedDescription)
        }
        var saved: [URL] = []
        for file in files {
            saved.append(try fetch(file, progress: progress))
        }
        return saved
    }

    /// Fetches one file, trying each mirror until one delivers the expected checksum.
    private func fetch(_ file: DatasetFile, progress: (DownloadEvent) -> Void) throws(DataError) -> URL {
        let destination = cacheDirectory.appendingPathComponent(file.name)
        let expected = file.sha256.lowercased()
        if FileManager.default.fileExists(atPath: destination.path),
           (try? SHA256.hexDigest(ofFile: destination)) == expected {
            progress(.alreadyPresent(file: file.name, path: destination))
            return destination
        }
        var attempts: [DownloadAttempt] = []
        for mirror in mirrors {
            let url = mirror.appendingPathComponent(file.name)
            progress(.fetching(file: file.name, url: url))
            do {
                try fetch(url, into: destination, expected: expected)
                progress(.saved(file: file.name, path: destination))
                return destination
            } catch {
                let attempt = DownloadAttempt(url: url.absoluteString, failure: error)
                attempts.append(attempt)
                progress(.attemptFailed(attempt))
            }
        }
        throw .downloadFailed(file: file.name, destination: destination.path, attempts: attempts)
    }

    /// Fetches `url` into a temporary file, verifies it, then renames it onto `destination`.
    private func fetch(_ url: URL, into destination: URL, expected: String) throws(DataError) {
        let data = try URLFetcher.fetch(url, timeout: timeout)
        let temporary = cacheDirectory.appendingPathComponent(
            ".\(destination.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .writeFailed(path: temporary.path, reason: error.localizedDescription)
        }
        let found: String
        do {
            found = try SHA256.hexDigest(ofFile: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        guard found == expected else {
            try? FileManager.default.removeItem(at: temporary)
            throw .checksumMismatch(file: url.absoluteString, expected: expected, found: found,
                                    remedy: "this copy was discarded")
        }
        try FileBytes.moveIntoPlace(temporary, destination)
    }
}
