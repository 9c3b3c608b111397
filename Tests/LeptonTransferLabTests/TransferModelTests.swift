import LeptonCore
import XCTest
import LeptonScheduling
@testable import LeptonTransferLab

final class TransferModelTests: XCTestCase {
    private let path = PathParameters(roundTripTime: .milliseconds(20), bandwidth: .megabitsPerSecond(10))

    func testLatencyBandwidthIsRTTPlusSizeOverRate() {
        let time = TransferModel.latencyBandwidth.predict(.bytes(125_000), over: path)
        XCTAssertEqual(time.value, 0.02 + 0.1, accuracy: 1e-12)
    }

    func testHeaderOverheadGivesTheTextbookGoodputOnEthernet() {
        // 1460-byte MSS with 78 bytes of framing per packet ⇒ goodput 1460/1538 of the line rate.
        let ethernet = PathParameters(roundTripTime: .zero, bandwidth: .gigabitsPerSecond(1), mtu: .bytes(1500),
                                      transportHeader: .bytes(40), linkHeader: .bytes(38))
        let size = ByteCount(bytes: 1460 * 10_000)
        let time = TransferModel.packetOverhead.predict(size, over: ethernet).value
        let goodput = Double(size.bits) / time
        XCTAssertEqual(goodput / 1e9, 1460.0 / 1538.0, accuracy: 1e-9)
    }

    func testSlowStartCostsOneRTTPerWindowBelowThePipe() {
        // BDP = 10 Mbit/s · 20 ms = 25 kB ≈ 16.5 packets of 1514 B; IW = 10 packets.
        // 30 segments: round 1 sends 10 (cwnd 10 < 16.5) and costs an RTT; then cwnd 20 ≥ pipe, the rest goes at B.
        let mss = path.segmentSize
        let size = ByteCount(bytes: 30 * mss)
        let expected = 0.02 + Double(20 * path.packetSize) * 8 / 10e6 + 0.02
        XCTAssertEqual(TransferModel.slowStart.predict(size, over: path).value, expected, accuracy: 1e-12)
        // Within the initial window slow start adds nothing.
        let small = ByteCount(bytes: 5 * mss)
        XCTAssertEqual(TransferModel.slowStart.predict(small, over: path), TransferModel.packetOverhead.predict(small, over: path))
    }

    func testLadderIsOrderedWithoutLoss() {
        for bytes in [100, 10_000, 100_000, 1_000_000, 10_000_000] {
            let size = ByteCount(bytes: bytes)
            let times = TransferModel.allCases.map { $0.predict(size, over: path).value }
            XCTAssertLessThanOrEqual(times[0], times[1])
            XCTAssertLessThanOrEqual(times[1], times[2])
            XCTAssertEqual(times[2], times[3], "without loss the Padhye rung equals slow start")
        }
    }

    func testPadhyeFormula() throws {
        var lossy = path
        lossy.lossRate = 0.01
        let x = try XCTUnwrap(TransferModel.padhyeThroughput(lossy))
        let p = 0.01, b = 2.0, rtt = 0.02, t0 = 0.2
        let packets = 1 / (rtt * (2 * b * p / 3).squareRoot() + t0 * min(1, 3 * (3 * b * p / 8).squareRoot()) * p * (1 + 32 * p * p))
        XCTAssertEqual(x.bitsPerSecond, packets * Double(lossy.segmentSize) * 8, accuracy: 1e-6)
        XCTAssertNil(TransferModel.padhyeThroughput(path))
        // A lossy path is slower than its lossless twin once the transfer is long.
        let size = ByteCount.mebibytes(8)
        XCTAssertGreaterThan(TransferModel.lossAware.predict(size, over: lossy), TransferModel.slowStart.predict(size, over: lossy))
    }

    func testReceiverWindowLimitsThroughput() throws {
        var limited = path
        limited.maximumWindow = .bytes(10 * limited.segmentSize)
        let x = try XCTUnwrap(TransferModel.padhyeThroughput(limited))
        XCTAssertEqual(x.bitsPerSecond, Double(10 * limited.segmentSize) * 8 / 0.02, accuracy: 1e-6)
    }

    func testValidationNamesTheField() {
        var bad = path
        bad.lossRate = 1.5
        XCTAssertThrowsError(try bad.validate()) { error in
            guard case .invalidParameter(let name, _, _)? = error as? TransferLabError else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "PathParameters.lossRate")
        }
    }
}
