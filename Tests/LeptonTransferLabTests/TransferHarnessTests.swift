import Foundation
import LeptonCore
import XCTest
import LeptonScheduling
@testable import LeptonTransferLab

final class TransferHarnessTests: XCTestCase {
    private func requirePython() throws {
        guard CommandRunner.locate("python3") != nil else { throw XCTSkip("python3 is not installed: the peer process cannot run") }
    }

    func testLoopbackTransfersAreTimedAndPredicted() throws {
        try requirePython()
        let profile = LinkProfile(name: "lo", medium: .loopback, sizes: [.kibibytes(1), .kibibytes(256)], repetitions: 2)
        let harness = TransferHarness(rttExchanges: 3, calibrationSize: .mebibytes(1), calibrationTransfers: 1)
        let measurement = try harness.measureLoopback(profile)
        XCTAssertEqual(measurement.records.count, 4)
        XCTAssertEqual(measurement.records.map(\.size), [.kibibytes(1), .kibibytes(256), .kibibytes(1), .kibibytes(256)])
        for record in measurement.records {
            XCTAssertGreaterThan(record.measured.value, 0)
            XCTAssertLessThan(record.measured.value, 5)
            XCTAssertEqual(Set(record.predicted.keys), Set(TransferModel.allCases.map(\.rawValue)))
        }
        XCTAssertGreaterThan(measurement.path.bandwidth.bitsPerSecond, 0)
        XCTAssertTrue(measurement.method.contains("python3 sink in a separate process"))
        XCTAssertEqual(ModelAccuracy.summarise([measurement]).count, TransferModel.allCases.count)
    }

    func testRelayAddsItsDelay() throws {
        try requirePython()
        let profile = LinkProfile(name: "lo-relay", medium: .loopback, delay: .milliseconds(5), sizes: [.kibibytes(1)], repetitions: 2)
        let measurement = try TransferHarness(rttExchanges: 2, calibrationSize: .kibibytes(256), calibrationTransfers: 1)
            .measureLoopback(profile)
        // 5 ms each way: data to the sink and the acknowledgement back.
        XCTAssertGreaterThanOrEqual(measurement.path.roundTripTime.value, 0.010)
        for record in measurement.records { XCTAssertGreaterThanOrEqual(record.measured.value, 0.010) }
        XCTAssertTrue(measurement.method.contains("relay"))
    }

    func testLossOnLoopbackIsSkippedWithAReason() {
        let profile = LinkProfile(name: "lo-loss", medium: .loopback, loss: 0.01, sizes: [.kibibytes(1)], repetitions: 1)
        let study = TransferHarness().run([profile])
        XCTAssertTrue(study.measurements.isEmpty)
        XCTAssertTrue(study.notes.contains { $0.hasPrefix("lo-loss: skipped") }, "\(study.notes)")
    }

    func testShapedVethProfileFollowsTheRateAndCleansUp() throws {
        try requirePython()
        guard geteuid() == 0 else { throw XCTSkip("not root: namespace shaping needs root or CAP_NET_ADMIN") }
        guard case .available(let netem) = ShapingSupport.detect() else {
            throw XCTSkip("namespace shaping unavailable: \(ShapingSupport.detect())")
        }
        let rate = Bandwidth.megabitsPerSecond(40)
        let profile = LinkProfile(name: "veth-40", medium: .veth, rate: rate, sizes: [.kibibytes(64), .kibibytes(256)], repetitions: 2)
        let study = TransferHarness(rttExchanges: 3).run([profile])
        let measurement = try XCTUnwrap(study.measurements.first, "\(study.notes)")
        XCTAssertEqual(measurement.records.count, 4)
        for record in measurement.records {
            // The shaper must hold the transfer to roughly its rate: at least 90 % of size·8/rate.
            XCTAssertGreaterThan(record.measured.value, 0.9 * rate.secondsToSend(record.size), "\(record)")
        }
        XCTAssertTrue(study.notes.contains { $0.contains(netem ? "netem is available" : "netem unavailable on this kernel") })
        let namespaces = try CommandRunner.run(["ip", "netns", "list"])
        XCTAssertFalse(namespaces.contains("lepton-c\(getpid() % 100_000)x"), namespaces)
    }
}
