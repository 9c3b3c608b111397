import XCTest
@testable import LeptonScheduling

final class Source003CaseTests: XCTestCase {
    private let rows = Source003Case.published.verdicts()

    private func row(_ name: String) throws -> ClaimCheck {
        try XCTUnwrap(rows.first { $0.name == name }, "no row named \(name)")
    }

    func testWeightedSumPrioritiesFollowTheFormula() throws {
        // ΣA = ΣB = ΣC = 15, so P_1 = (3 + 5 + 4)/15.
        let p1 = try row("priority P_1 (normalisedWeightedSum)")
        XCTAssertEqual(try XCTUnwrap(p1.computedValue), 12.0 / 15.0, accuracy: 1e-12)
        XCTAssertEqual(p1.claimed, "2.4")
        XCTAssertEqual(p1.verdict, .notReproduced)
    }

    func testProductPrioritiesFollowTheFormula() throws {
        XCTAssertEqual(try XCTUnwrap(try row("priority P_1 (product)").computedValue), 60)
        XCTAssertEqual(try XCTUnwrap(try row("priority P_5 (product)").computedValue), 1)
    }

    func testRatioLoadsFollowTheFormula() throws {
        XCTAssertEqual(try XCTUnwrap(try row("load L_1 (ratio)").computedValue), 1000.0 * 500 / 20)
        XCTAssertEqual(try XCTUnwrap(try row("load L_4 (ratio)").computedValue), 3000.0 * 2000 / 50)
    }

    func testTransferTimesAreSumsOfTheStages() throws {
        for index in 1...3 {
            let check = try row("transfer time T_d of transfer \(index)")
            let transfer = Source003Case.published.transfers[index - 1]
            XCTAssertEqual(check.computedValue, transfer.packing + transfer.sending + transfer.unpacking)
        }
    }

    func testEveryClaimGetsAComputedVerdict() {
        let published = Source003Case.published
        let claims = published.claimedPriorities.count * PriorityModel.allCases.count
            + published.claimedLoads.count * LoadModel.allCases.count
            + published.claimedTransferTimes.count + published.claimedTotals.count
        XCTAssertGreaterThanOrEqual(rows.count, claims + AllocationReading.allCases.count)
        for check in rows where check.verdict != .inconclusive {
            XCTAssertNotEqual(check.computed, "—", check.name)
        }
        XCTAssertTrue(rows.contains { $0.name.hasPrefix("allocation (") })
    }

    func testToleranceIsHalfAUnitOfTheClaimsLastDigit() {
        XCTAssertEqual(ClaimCheck.numeric("x", claimed: "1.75", computed: 1.754, note: "").verdict, .reproduced)
        XCTAssertEqual(ClaimCheck.numeric("x", claimed: "1.75", computed: 1.756, note: "").verdict, .notReproduced)
        XCTAssertEqual(ClaimCheck.numeric("x", claimed: "18", computed: 18.4, note: "").verdict, .reproduced)
        XCTAssertEqual(ClaimCheck.numeric("x", claimed: "18", computed: nil, note: "").verdict, .inconclusive)
    }

    func testTotalIsNotComputableForADeviceWithoutATransferRow() {
        XCTAssertNil(Source003Case.published.total(device: 3))
        XCTAssertEqual(Source003Case.published.total(device: 0), 20 + 18)
    }
}
