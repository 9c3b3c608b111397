import Foundation
import XCTest
@testable import LeptonData

final class GzipTests: XCTestCase {
    func testRoundTrip() throws {
        let plain = (0..<100_000).map { UInt8(truncatingIfNeeded: ($0 * $0) >> 3) }
        let packed = try Gzip.compress(plain)
        XCTAssertTrue(Gzip.isGzip(packed))
        XCTAssertFalse(Gzip.isGzip(plain))
        XCTAssertEqual(try Gzip.decompress(packed, path: "mem"), plain)
    }

    func testEmptyInputRoundTrips() throws {
        XCTAssertEqual(try Gzip.decompress(try Gzip.compress([]), path: "mem"), [])
    }

    func testConcatenatedMembersAreJoined() throws {
        let first = Array("hello ".utf8), second = Array("world".utf8)
        let joined = try Gzip.compress(first) + (try Gzip.compress(second))
        XCTAssertEqual(try Gzip.decompress(joined, path: "mem"), first + second)
    }

    func testSystemGzipOutputIsReadable() throws {
        let folder = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("text")
        let text = Array(String(repeating: "lepton ", count: 1000).utf8)
        try Data(text).write(to: url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-9", url.path]
        guard FileManager.default.fileExists(atPath: "/bin/gzip") else {
            throw XCTSkip("/bin/gzip is not installed")
        }
        try process.run()
        process.waitUntilExit()
        let packed = [UInt8](try Data(contentsOf: folder.appendingPathComponent("text.gz")))
        XCTAssertEqual(try Gzip.decompress(packed, path: "text.gz"), text)
    }

    func testTruncatedStreamNamesFileAndRemedy() throws {
        let packed = try Gzip.compress((0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 13) })
        let cut = Array(packed.prefix(packed.count / 2))
        let error = TestFixtures.dataError { try Gzip.decompress(cut, path: "/data/x.gz", remedy: "fetch it again") }
        guard case let .corruptGzip(path, reason, _)? = error else {
            return XCTFail("expected corruptGzip, got \(String(describing: error))")
        }
        XCTAssertEqual(path, "/data/x.gz")
        XCTAssertTrue(reason.contains("ends early"), reason)
        TestFixtures.assertMentions(error?.description ?? "", ["/data/x.gz", "fetch it again"])
    }

    func testCorruptStreamIsReported() throws {
        var packed = try Gzip.compress(Array(String(repeating: "abc", count: 500).utf8))
        for index in 12..<min(40, packed.count - 8) { packed[index] ^= 0x5a }
        let error = TestFixtures.dataError { try Gzip.decompress(packed, path: "bad.gz") }
        guard case .corruptGzip? = error else {
            return XCTFail("expected corruptGzip, got \(String(describing: error))")
        }
    }
}
