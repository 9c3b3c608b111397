import Foundation
import XCTest
@testable import LeptonData

final class IDXFileTests: XCTestCase {
    func testPlainRoundTrip() throws {
        let folder = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = TestFixtures.images(count: 7, height: 5, width: 4)
        let url = folder.appendingPathComponent("images-idx3-ubyte")
        try original.write(to: url, compressed: false)
        let bytes = [UInt8](try Data(contentsOf: url))
        XCTAssertEqual(Array(bytes.prefix(16)), [0, 0, 8, 3, 0, 0, 0, 7, 0, 0, 0, 5, 0, 0, 0, 4])
        XCTAssertEqual(bytes.count, 16 + 7 * 5 * 4)
        let read = try IDXFile.read(contentsOf: url, dimensionCount: 3)
        XCTAssertEqual(read.dimensions, [7, 5, 4])
        XCTAssertEqual(read.elements, original.elements)
    }

    func testGzipRoundTrip() throws {
        let folder = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = TestFixtures.labels(count: 300, classes: 10)
        let url = folder.appendingPathComponent("labels-idx1-ubyte.gz")
        try original.write(to: url, compressed: true)
        let bytes = [UInt8](try Data(contentsOf: url))
        XCTAssertEqual(Array(bytes.prefix(2)), [0x1f, 0x8b], "written file must be gzip")
        let read = try IDXFile.read(contentsOf: url, dimensionCount: 1)
        XCTAssertEqual(read.dimensions, [300])
        XCTAssertEqual(read.elements, original.elements)
    }

    func testTruncatedFileNamesDeclaredAndFoundBytes() throws {
        let folder = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let encoded = TestFixtures.images(count: 6, height: 4, width: 5).encoded()
        let url = folder.appendingPathComponent("train-images-idx3-ubyte.gz")
        try Data(try Gzip.compress(Array(encoded.dropLast(50)))).write(to: url)
        let error = TestFixtures.dataError {
            try IDXFile.read(contentsOf: url, dimensionCount: 3, remedy: "reinstall the package dataset-x")
        }
        guard case let .truncated(path, dimensions, expected, found, _)? = error else {
            return XCTFail("expected truncated, got \(String(describing: error))")
        }
        XCTAssertEqual(path, url.path)
        XCTAssertEqual(dimensions, [6, 4, 5])
        XCTAssertEqual(expected, 120)
        XCTAssertEqual(found, 70)
        TestFixtures.assertMentions(error?.description ?? "",
                                    [url.path, "truncated", "6×4×5 = 120", "holds 70", "reinstall the package dataset-x"])
    }

    func testHeaderCutShortIsTruncated() {
        let error = TestFixtures.dataError { try IDXFile.parse([0, 0, 8, 3, 0, 0], path: "short.idx", dimensionCount: 3) }
        guard case let .truncated(path, dimensions, expected, found, _)? = error else {
            return XCTFail("expected truncated, got \(String(describing: error))")
        }
        XCTAssertEqual(path, "short.idx")
        XCTAssertEqual(dimensions, [])
        XCTAssertEqual(expected, 16)
        XCTAssertEqual(found, 6)
        TestFixtures.assertMentions(error?.description ?? "", ["short.idx", "needs 16 bytes", "holds 6"])
    }

    func testWrongMagicNamesExpectedAndFoundBytes() {
        var bytes = TestFixtures.labels(count: 4, classes: 2).encoded()
        bytes[0] = 0x12
        bytes[1] = 0x34
        let error = TestFixtures.dataError { try IDXFile.parse(bytes, path: "/x/labels.idx", dimensionCount: 1) }
        guard case let .wrongMagic(path, expected, found, _)? = error else {
            return XCTFail("expected wrongMagic, got \(String(describing: error))")
        }
        XCTAssertEqual(path, "/x/labels.idx")
        XCTAssertEqual(expected, [0, 0, 8, 1])
        XCTAssertEqual(found, [0x12, 0x34, 8, 1])
        TestFixtures.assertMentions(error?.description ?? "", ["/x/labels.idx", "00 00 08 01", "12 34 08 01"])
    }

    func testWrongElementTypeIsWrongMagic() {
        var bytes = TestFixtures.labels(count: 4, classes: 2).encoded()
        bytes[2] = 0x0d  // float32
        let error = TestFixtures.dataError { try IDXFile.parse(bytes, path: "f.idx", dimensionCount: 1) }
        guard case let .wrongMagic(_, _, found, _)? = error else {
            return XCTFail("expected wrongMagic, got \(String(describing: error))")
        }
        XCTAssertEqual(found, [0, 0, 0x0d, 1])
    }

    func testImagesFileGivenWhereLabelsExpectedIsWrongMagic() {
        let bytes = TestFixtures.images(count: 2, height: 2, width: 2).encoded()
        let error = TestFixtures.dataError { try IDXFile.parse(bytes, path: "swapped.idx", dimensionCount: 1) }
        guard case let .wrongMagic(_, expected, found, _)? = error else {
            return XCTFail("expected wrongMagic, got \(String(describing: error))")
        }
        XCTAssertEqual(expected, [0, 0, 8, 1])
        XCTAssertEqual(found, [0, 0, 8, 3])
        TestFixtures.assertMentions(error?.description ?? "", ["labels file", "00 00 08 03"])
    }

    func testTrailingBytesAreReported() {
        let bytes = TestFixtures.labels(count: 4, classes: 2).encoded() + [9, 9]
        let error = TestFixtures.dataError { try IDXFile.parse(bytes, path: "long.idx", dimensionCount: 1) }
        guard case let .trailingBytes(_, dimensions, expected, found, _)? = error else {
            return XCTFail("expected trailingBytes, got \(String(describing: error))")
        }
        XCTAssertEqual(dimensions, [4])
        XCTAssertEqual(expected, 4)
        XCTAssertEqual(found, 6)
    }

    func testMissingFileUsesRemedy() {
        let error = TestFixtures.dataError {
            try IDXFile.read(contentsOf: URL(fileURLWithPath: "/nonexistent/lepton/x.idx"), dimensionCount: 1,
                             remedy: "apt-get install something")
        }
        XCTAssertEqual(error, .fileMissing(path: "/nonexistent/lepton/x.idx", remedy: "apt-get install something"))
        TestFixtures.assertMentions(error?.description ?? "", ["/nonexistent/lepton/x.idx", "not found", "apt-get install"])
    }

    /// Issue 27: an IDX file of zero items cannot mean anything and is refused.
    func testZeroItemsAreRefused() {
        let empty: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 28]
        XCTAssertThrowsError(try IDXFile.parse(empty, path: "e-idx3-ubyte", dimensionCount: 3)) { error in
            XCTAssertEqual("\(error)", "e-idx3-ubyte: expected at least one item but the header declares 0×28×28, zero pixels; replace the file with a fresh copy")
        }
    }
}
