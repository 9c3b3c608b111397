import LeptonCore
import XCTest
@testable import LeptonEmulation

final class SimDurationTests: XCTestCase {
    func testRoundsOnceToTheNearestNanosecond() {
        XCTAssertEqual(SimDuration(seconds: 1.6e-9).nanoseconds, 2)
        XCTAssertEqual(SimDuration(seconds: 1.4e-9).nanoseconds, 1)
        XCTAssertEqual(SimDuration(seconds: 0.25).nanoseconds, 250_000_000)
        XCTAssertEqual(SimDuration.milliseconds(18.32).nanoseconds, 18_320_000)
        XCTAssertEqual((SimDuration.milliseconds(1) * 3 + .microseconds(5)).nanoseconds, 3_005_000)
        XCTAssertEqual((SimTime.zero + .seconds(2)) - (SimTime.zero + .seconds(0.5)), .milliseconds(1500))
    }

    func testUnitsConvertAsDocumented() {
        XCTAssertEqual(ByteCount.kilobytes(1.5).bytes, 1500)
        XCTAssertEqual(ByteCount.mebibytes(1).bytes, 1_048_576)
        XCTAssertEqual(ByteCount.megabytes(1.23).description, "1.23 MB")
        XCTAssertEqual(Bandwidth.megabitsPerSecond(8).transmissionTime(.bytes(1_000_000)), .seconds(1))
        XCTAssertEqual(FLOPRate.gigaFLOPS(2).time(flops: 1_000), .nanoseconds(500))
        XCTAssertEqual(Power.watts(2).energy(over: .milliseconds(500)).joules, 1)
        XCTAssertEqual(LatencySummary((1...100).map { SimDuration.nanoseconds(Int64($0)) }).p95, .nanoseconds(95))
        XCTAssertEqual(LatencySummary([.nanoseconds(7)]).p99, .nanoseconds(7))
    }
}
