import Foundation
import LeptonCore
import XCTest
@testable import LeptonEmulation
import LeptonTensor

final class TransferEncodingTests: XCTestCase {
    private func randomTensor(_ shape: [Int], seed: UInt64, low: Float = -3, high: Float = 5) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        let t = Tensor(zeros: shape)
        for i in 0..<t.count { t[i] = rng.uniform(low, high) }
        return t
    }

    func testLosslessEncodingsRoundTripExactly() throws {
        let t = randomTensor([2, 3, 4, 5], seed: 1)
        t[0] = 1e-30; t[1] = -0.0; t[2] = 3.4e38; t[3] = 1
        for enc in [TransferEncoding.float32, .json] {
            let bytes = enc.encode(t)
            let back = try enc.decode(bytes)
            XCTAssertEqual(back.shape, t.shape, "\(enc)")
            XCTAssertEqual(back.array.map(\.bitPattern), t.array.map(\.bitPattern), "\(enc) is lossless")
        }
    }

    func testQuantisedEncodingsStayWithinHalfAStep() throws {
        let t = randomTensor([1, 7, 7, 8], seed: 2)
        let lo = t.array.min() ?? 0, hi = t.array.max() ?? 0
        let u8 = try TransferEncoding.uint8.decode(TransferEncoding.uint8.encode(t))
        let step8 = (hi - lo) / 255
        for i in 0..<t.count { XCTAssertLessThanOrEqual(abs(u8[i] - t[i]), step8 * 0.5001 + 1e-6) }
        let i8 = try TransferEncoding.int8.decode(TransferEncoding.int8.encode(t))
        let stepI8 = max(abs(lo), abs(hi)) / 127
        for i in 0..<t.count { XCTAssertLessThanOrEqual(abs(i8[i] - t[i]), stepI8 * 0.5001 + 1e-6) }
    }

    func testSizesAreWhatTheHeaderAndCodesNeed() {
        let t = randomTensor([1, 12, 12, 8], seed: 3)
        let n = 1152, header = 2 + 4 * 4
        XCTAssertEqual(TransferEncoding.float32.encode(t).count, header + 4 * n)
        XCTAssertEqual(TransferEncoding.uint8.encode(t).count, header + 5 + n)
        XCTAssertEqual(TransferEncoding.int8.encode(t).count, header + 4 + n)
        for enc in [TransferEncoding.float32, .uint8, .int8] {
            XCTAssertEqual(enc.encodedSize(shape: t.shape)?.bytes, enc.encode(t).count)
        }
        XCTAssertGreaterThan(TransferEncoding.json.encode(t).count, 4 * n, "text floats are larger than binary")
    }

    func testJSONIsANestedListOfFloats() throws {
        let t = Tensor(shape: [1, 2, 2], values: [0.5, -1, 2.25, 0.1])
        let text = String(decoding: TransferEncoding.json.encode(t), as: UTF8.self)
        XCTAssertEqual(text, "{\"shape\":[1,2,2],\"data\":[[[0.5,-1.0],[2.25,0.1]]]}")
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let sample = (parsed?["data"] as? [Any])?.first as? [Any]
        let row = sample?[1] as? [Any]
        XCTAssertEqual((row?[0] as? NSNumber)?.doubleValue, 2.25, "Foundation reads it as JSON")
    }

    func testDecodingErrorsSayWhatIsWrong() {
        XCTAssertThrowsError(try TransferEncoding.float32.decode([1, 1, 2, 0, 0, 0, 9])) {
            XCTAssertTrue("\($0)".contains("float32"), "\($0)")
        }
        XCTAssertThrowsError(try TransferEncoding.int8.decode(TransferEncoding.float32.encode(Tensor(zeros: [1, 2])))) {
            XCTAssertTrue("\($0)".contains("tag"), "\($0)")
        }
        XCTAssertThrowsError(try TransferEncoding.json.decode(Array("{\"shape\":[2,2],\"data\":[[1,2],[3]]}".utf8))) {
            XCTAssertTrue("\($0)".contains("json"), "\($0)")
        }
    }
}
