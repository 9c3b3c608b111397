import Foundation
import XCTest
@testable import LeptonData

final class MNISTDownloaderTests: XCTestCase {
    /// A fake mirror folder holding small generated IDX files, and the matching checksum table.
    private func makeMirror(in root: URL) throws -> (mirror: URL, files: [DatasetFile]) {
        let mirror = root.appendingPathComponent("good-mirror", isDirectory: true)
        try FileManager.default.createDirectory(at: mirror, withIntermediateDirectories: true)
        try TestFixtures.writeIDXFolder(mirror, compressed: true)
        let roles = ["train-images", "train-labels", "test-images", "test-labels"]
        let names = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                     "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
        let files = try zip(roles, names).map { role, name -> DatasetFile in
            let bytes = [UInt8](try Data(contentsOf: mirror.appendingPathComponent(name)))
            return DatasetFile(name: name, role: role, sha256: SHA256.hexDigest(bytes), bytes: bytes.count)
        }
        return (mirror, files)
    }

    private func cachedNames(_ cache: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted()
    }

    func testMissingFirstMirrorFallsBackToSecond() throws {
        let root = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let (good, files) = try makeMirror(in: root)
        let missing = root.appendingPathComponent("empty-mirror", isDirectory: true)
        let cache = root.appendingPathComponent("cache", isDirectory: true)
        var events: [DownloadEvent] = []
        let downloader = MNISTDownloader(mirrors: [missing, good], files: files, cacheDirectory: cache)
        let saved = try downloader.download { events.append($0) }
        XCTAssertEqual(saved.map(\.lastPathComponent), files.map(\.name))
        XCTAssertEqual(try cachedNames(cache), files.map(\.name).sorted(), "no temporary files left")
        for file in files {
            XCTAssertEqual(try SHA256.hexDigest(ofFile: cache.appendingPathComponent(file.name)), file.sha256)
        }
        let failures = events.compactMap { event -> DownloadAttempt? in
            if case let .attemptFailed(attempt) = event { return attempt }
            return nil
        }
        XCTAssertEqual(failures.count, 4)
        for failure in failures {
            XCTAssertTrue(failure.url.hasPrefix(missing.absoluteString), failure.url)
            guard case .fetchFailed = failure.failure else { return XCTFail("expected fetchFailed, got \(failure)") }
        }
        // The cached folder is a loadable IDX folder.
        let split = try DatasetCatalogue.loadIDX(directory: cache)
        XCTAssertEqual(split.train.count, 12)
    }

    func testCorruptFirstMirrorFallsBackToSecond() throws {
        let root = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let (good, files) = try makeMirror(in: root)
        let corrupt = root.appendingPathComponent("corrupt-mirror", isDirectory: true)
        try FileManager.default.createDirectory(at: corrupt, withIntermediateDirectories: true)
        for file in files {
            try Data("not the real file".utf8).write(to: corrupt.appendingPathComponent(file.name))
        }
        let cache = root.appendingPathComponent("cache", isDirectory: true)
        var failures: [DownloadAttempt] = []
        try MNISTDownloader(mirrors: [corrupt, good], files: files, cacheDirectory: cache).download { event in
            if case let .attemptFailed(attempt) = event { failures.append(attempt) }
        }
        XCTAssertEqual(try cachedNames(cache), files.map(\.name).sorted())
        XCTAssertEqual(failures.count, 4)
        for failure in failures {
            guard case let .checksumMismatch(_, expected, found, _) = failure.failure else {
                return XCTFail("expected checksumMismatch, got \(failure)")
            }
            XCTAssertNotEqual(expected, found)
            XCTAssertEqual(found, SHA256.hexDigest(Array("not the real file".utf8)))
        }
    }

    func testChecksumMismatchOnAllMirrorsFailsAndLeavesNothing() throws {
        let root = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let (good, files) = try makeMirror(in: root)
        let wrongTable = files.map {
            DatasetFile(name: $0.name, role: $0.role, sha256: String(repeating: "0", count: 64), bytes: $0.bytes)
        }
        let cache = root.appendingPathComponent("cache", isDirectory: true)
        let downloader = MNISTDownloader(mirrors: [good, good], files: wrongTable, cacheDirectory: cache)
        let error = TestFixtures.dataError { try downloader.download() }
        guard case let .downloadFailed(file, destination, attempts)? = error else {
            return XCTFail("expected downloadFailed, got \(String(describing: error))")
        }
        XCTAssertEqual(file, "train-images-idx3-ubyte.gz")
        XCTAssertEqual(destination, cache.appendingPathComponent(file).path)
        XCTAssertEqual(attempts.count, 2)
        for attempt in attempts {
            guard case let .checksumMismatch(url, expected, found, _) = attempt.failure else {
                return XCTFail("expected checksumMismatch, got \(attempt)")
            }
            XCTAssertEqual(url, good.appendingPathComponent(file).absoluteString)
            XCTAssertEqual(expected, String(repeating: "0", count: 64))
            XCTAssertEqual(found, files[0].sha256)
        }
        TestFixtures.assertMentions(error?.description ?? "",
                                    [file, "tried 2", "checksum mismatch", files[0].sha256, "nothing was written"])
        XCTAssertEqual(try cachedNames(cache), [], "no file or temporary file may be left behind")
    }

    func testVerifiedFilesAreNotFetchedAgain() throws {
        let root = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let (good, files) = try makeMirror(in: root)
        let cache = root.appendingPathComponent("cache", isDirectory: true)
        try MNISTDownloader(mirrors: [good], files: files, cacheDirectory: cache).download()
        var present = 0
        try MNISTDownloader(mirrors: [], files: files, cacheDirectory: cache).download { event in
            if case .alreadyPresent = event { present += 1 }
        }
        XCTAssertEqual(present, 4)
    }

    func testCorruptCachedFileIsReplaced() throws {
        let root = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let (good, files) = try makeMirror(in: root)
        let cache = root.appendingPathComponent("cache", isDirectory: true)
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let target = cache.appendingPathComponent(files[1].name)
        try Data("stale".utf8).write(to: target)
        try MNISTDownloader(mirrors: [good], files: files, cacheDirectory: cache).download()
        XCTAssertEqual(try SHA256.hexDigest(ofFile: target), files[1].sha256)
    }

    func testDefaultsAreTheRealMNISTTable() {
        let downloader = MNISTDownloader()
        XCTAssertEqual(downloader.files.map(\.name), ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                                                      "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"])
        XCTAssertEqual(downloader.files[0].sha256, "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609")
        XCTAssertEqual(downloader.mirrors.count, 2)
        XCTAssertTrue(downloader.cacheDirectory.path.hasSuffix(".cache/lepton/mnist"))
    }

    func testWrongMNISTCacheFailsChecksum() throws {
        let root = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let (good, _) = try makeMirror(in: root)
        let error = TestFixtures.dataError { try DatasetCatalogue(locations: ["mnist": good]).load(name: "mnist") }
        guard case .checksumMismatch? = error else {
            return XCTFail("expected checksumMismatch, got \(String(describing: error))")
        }
        TestFixtures.assertMentions(error?.description ?? "", ["lepton datasets download mnist"])
    }
}
