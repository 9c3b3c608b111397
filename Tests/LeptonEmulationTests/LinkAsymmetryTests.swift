import LeptonCore
import XCTest
import LeptonTensor
@testable import LeptonEmulation

final class LinkAsymmetryTests: XCTestCase {
    /// Acceptance 6 of issue 12: 1 MB up at 10 Mbit/s takes 10× the time down at 100 Mbit/s.
    func testOneMegabyteUpTakesTenTimesDown() {
        let link = Link.asymmetric("phone", "cloud", up: .megabitsPerSecond(10), down: .megabitsPerSecond(100),
                                   upLatency: .zero, downLatency: .zero)
        var rng = SeededGenerator(seed: 1)
        let up = link.transfer(.megabytes(1), direction: .up, rng: &rng)
        let down = link.transfer(.megabytes(1), direction: .down, rng: &rng)
        XCTAssertEqual(up.wireBytes, down.wireBytes)
        XCTAssertEqual(up.duration.nanoseconds, 10 * down.duration.nanoseconds)
        // 1 MB plus 40 B per 1460 B packet at 10 Mbit/s: 8·1_027_400 / 1e7 s.
        XCTAssertEqual(up.duration, .nanoseconds(821_920_000))
        XCTAssertEqual(link.idealTransferTime(.megabytes(1), direction: .up), up.duration)
        XCTAssertEqual(link.idealTransferTime(.megabytes(1), direction: .down), down.duration)
    }

    func testLatencyIsPerDirectionAndSymmetricLinksAreUnchanged() throws {
        let link = Link.asymmetric("e", "c", up: .megabitsPerSecond(5), down: .megabitsPerSecond(50),
                                   upLatency: .milliseconds(40), downLatency: .milliseconds(10))
        XCTAssertTrue(link.isAsymmetric)
        XCTAssertEqual(link.latency(.up), .milliseconds(40))
        XCTAssertEqual(link.latency(.down), .milliseconds(10))
        XCTAssertEqual(link.direction(from: "e"), .up)
        XCTAssertEqual(link.direction(from: "c"), .down)
        XCTAssertTrue(link.directionsDescription.contains("up 5 Mbit/s"))
        XCTAssertTrue(link.directionsDescription.contains("down 50 Mbit/s"))
        try link.validate()

        let symmetric = Link("e", "c", bandwidth: .megabitsPerSecond(20), latency: .milliseconds(5))
        XCTAssertFalse(symmetric.isAsymmetric)
        var a = SeededGenerator(seed: 3), b = SeededGenerator(seed: 3)
        XCTAssertEqual(symmetric.transfer(.kilobytes(300), direction: .up, rng: &a), symmetric.transfer(.kilobytes(300), rng: &b))
    }

    func testInvalidUplinkIsNamed() {
        var link = Link("e", "c", bandwidth: .megabitsPerSecond(1), latency: .zero)
        link.uplinkBandwidth = .megabitsPerSecond(0)
        XCTAssertThrowsError(try link.validate()) { XCTAssertTrue("\($0)".contains("uplinkBandwidth")) }
    }

    func testDecodesLinksWrittenBeforeAsymmetry() throws {
        let old = Link("e", "c", bandwidth: .megabitsPerSecond(8), latency: .milliseconds(2))
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(old)) as! [String: Any]
        json.removeValue(forKey: "uplinkBandwidth")
        json.removeValue(forKey: "uplinkLatency")
        let decoded = try JSONDecoder().decode(Link.self, from: JSONSerialization.data(withJSONObject: json))
        XCTAssertEqual(decoded, old)
    }
}
