import Foundation
import LeptonCore
import XCTest

final class UnitsTests: XCTestCase {
    func testBandwidthAndByteCountEncodeAsPlainJSONNumbers() throws {
        let encoder = JSONEncoder()
        XCTAssertEqual(String(decoding: try encoder.encode(Bandwidth.megabitsPerSecond(10)), as: UTF8.self), "10000000")
        XCTAssertEqual(String(decoding: try encoder.encode(ByteCount.kibibytes(4)), as: UTF8.self), "4096")
        let decoder = JSONDecoder()
        XCTAssertEqual(try decoder.decode(Bandwidth.self, from: Data("8".utf8)), .bytesPerSecond(1))
        XCTAssertEqual(try decoder.decode(ByteCount.self, from: Data("1500".utf8)), .bytes(1500))
        XCTAssertThrowsError(try decoder.decode(ByteCount.self, from: Data("1.5".utf8)), "fractional bytes are refused")
    }

    func testSecondsToSendIsBitsOverRate() {
        XCTAssertEqual(Bandwidth.megabitsPerSecond(1).secondsToSend(.bytes(125_000)), 1)
        XCTAssertEqual(Bandwidth.kilobitsPerSecond(8).secondsToSend(.kilobytes(1)), 1)
        XCTAssertEqual(ByteCount.bytes(3).bits, 24)
    }

    func testDecimalAndBinaryConstructorsRoundDown() {
        XCTAssertEqual(ByteCount.kilobytes(1.2345).bytes, 1234)
        XCTAssertEqual(ByteCount.mebibytes(1).bytes, 1_048_576)
        XCTAssertEqual(ByteCount.gibibytes(0.5).bytes, 536_870_912)
        XCTAssertEqual(ByteCount.megabytes(1) - .kilobytes(1), .bytes(999_000))
        XCTAssertEqual(ByteCount.bytes(7) * 3 + .bytes(1), .bytes(22))
    }

    func testDescriptionsGiveUnits() {
        XCTAssertEqual(ByteCount.bytes(512).description, "512 B")
        XCTAssertEqual(ByteCount.bytes(4_194_304).description, "4.19 MB")
        XCTAssertEqual(Bandwidth.megabitsPerSecond(10).description, "10 Mbit/s")
    }
}
