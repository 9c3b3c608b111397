import LeptonCore
import XCTest
@testable import LeptonEmulation
import LeptonTensor

final class LinkTests: XCTestCase {
    /// Acceptance 3: one transfer over a modelled link takes exactly L + round_ns(8·W / B),
    /// W = P + max(1, ⌈P / (MTU − H)⌉)·H.
    func testSingleTransferTakesExactlyTheDocumentedFormula() {
        let link = Link("edge", "cloud", bandwidth: .megabitsPerSecond(1), latency: .milliseconds(10))
        var rng = SeededGenerator(seed: 1)
        // 1000 B in one packet: W = 1040 B = 8320 bit → 8.32 ms on the wire, + 10 ms.
        let t = link.transfer(.bytes(1000), rng: &rng)
        XCTAssertEqual(t.duration, .nanoseconds(18_320_000))
        XCTAssertEqual(t.wireBytes, .bytes(1040))
        // Over several packets and rates, against the formula written out independently.
        for payload in [0, 1, 1459, 1460, 1461, 10_000, 123_457] {
            for mbps in [0.5, 3, 10, 100, 1000.0] {
                for (mtu, header) in [(1500, 40), (576, 28), (9000, 52)] {
                    let l = Link("a", "b", bandwidth: .megabitsPerSecond(mbps), latency: .microseconds(2500),
                                 mtu: .bytes(mtu), header: .bytes(header))
                    let packets = max(1, Int((Double(payload) / Double(mtu - header)).rounded(.up)))
                    let wire = payload + packets * header
                    let seconds = Double(wire * 8) / (mbps * 1e6)
                    let expected = 2_500_000 + Int64((seconds * 1e9).rounded(.toNearestOrAwayFromZero))
                    XCTAssertEqual(l.transfer(.bytes(payload), rng: &rng).duration.nanoseconds, expected,
                                   "payload \(payload) at \(mbps) Mbit/s, MTU \(mtu)")
                    XCTAssertEqual(l.idealTransferTime(.bytes(payload)).nanoseconds, expected)
                }
            }
        }
    }

    func testLossResendsPacketsAndConservesBytes() {
        let link = Link("a", "b", bandwidth: .megabitsPerSecond(10), latency: .milliseconds(5), loss: 0.2,
                        retransmitTimeout: .milliseconds(50))
        var rng = SeededGenerator(seed: 7)
        var sawLoss = false
        for _ in 0..<50 {
            let payload = ByteCount.bytes(20_000)
            let t = link.transfer(payload, rng: &rng)
            let delivered = t.wireBytes - t.lostWireBytes
            XCTAssertEqual(delivered, link.wireBytes(for: payload), "every packet is delivered exactly once")
            XCTAssertEqual(t.occupancy, t.transmitting + link.retransmitTimeout * (t.rounds - 1))
            XCTAssertEqual(t.retransmittedPackets > 0, t.rounds > 1)
            if t.rounds > 1 { sawLoss = true; XCTAssertGreaterThan(t.duration, link.idealTransferTime(payload)) }
        }
        XCTAssertTrue(sawLoss, "with 20% loss over 14 packets some transfer needs a second round")
    }

    func testJitterIsSeededAndBounded() {
        let link = Link("a", "b", bandwidth: .megabitsPerSecond(10), latency: .milliseconds(5), jitter: .milliseconds(4))
        var a = SeededGenerator(seed: 3), b = SeededGenerator(seed: 3)
        for _ in 0..<100 {
            let x = link.transfer(.bytes(100), rng: &a), y = link.transfer(.bytes(100), rng: &b)
            XCTAssertEqual(x, y)
            XCTAssertGreaterThanOrEqual(x.jitter, .zero)
            XCTAssertLessThanOrEqual(x.jitter, .milliseconds(4))
            XCTAssertEqual(x.duration, link.idealTransferTime(.bytes(100)) + x.jitter)
        }
    }

    func testValidationNamesTheLinkAndField() {
        let bad = Link("edge", "cloud", bandwidth: .megabitsPerSecond(10), latency: .milliseconds(1), mtu: .bytes(40))
        XCTAssertThrowsError(try bad.validate()) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("edge↔cloud") && message.contains("mtu"), message)
        }
        let lossy = Link("edge", "cloud", bandwidth: .megabitsPerSecond(10), latency: .milliseconds(1), loss: 1)
        XCTAssertThrowsError(try lossy.validate()) { XCTAssertTrue("\($0)".contains("loss")) }
    }
}
