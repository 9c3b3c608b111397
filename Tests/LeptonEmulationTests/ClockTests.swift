import XCTest
@testable import LeptonEmulation

final class ClockTests: XCTestCase {
    func testRatesAndScales() {
        let modelled = Clock.modelled(reference: .gigaFLOPS(10))
        let edge = Tier.edge("e", speed: .relative(0.25), cores: 4, threadsPerJob: 2)
        XCTAssertEqual(modelled.jobRate(edge).flopsPerSecond, 0.25 * 10e9 * 2)
        XCTAssertEqual(modelled.modelledTime(flops: 5_000_000_000, on: edge), .seconds(1))
        XCTAssertEqual(modelled.modelledTime(flops: 5_000_000_000, on: edge, int8: true), .milliseconds(500))
        let calibrated = Tier.cloud("c", speed: .flopRate(.gigaFLOPS(40)))
        XCTAssertEqual(modelled.jobRate(calibrated), .gigaFLOPS(40))
        let measured = Clock.measured(hostRate: .gigaFLOPS(20))
        XCTAssertEqual(measured.hostTimeScale(edge), 4)
        XCTAssertEqual(measured.hostTimeScale(calibrated), 0.5)
        XCTAssertEqual(measured.scaled(hostSeconds: 0.001, on: edge), .milliseconds(4))
        XCTAssertTrue(modelled.description.hasPrefix("modelled clock"))
        XCTAssertTrue(measured.description.hasPrefix("measured clock"))
    }

    func testHostCalibrationMeasuresAPositiveRate() {
        let rate = Clock.calibrateHostRate(size: 64, repeats: 2)
        XCTAssertGreaterThan(rate.flopsPerSecond, 1e6)
    }
}
