import XCTest
@testable import LeptonLab

/// Verdicts that are earned: provenance, alternatives, Lepton's choices, definitional values,
/// missing metrics, and the probe that finds claims computed from constants alone.
final class ProvenanceTests: LabTestCase {
    private let width = Parameter("width", default: 4, range: 1...64)
    private let value = Metric("value")
    private let modelled = Metric("value.modelled")

    /// One cell records `value` (from `compute(width, seed)`) and `value.modelled` (= 2).
    private func experiment(_ claims: [Claim], compute: @escaping @Sendable (Int, UInt64) -> Double) -> Experiment {
        let width = self.width, value = self.value, modelled = self.modelled
        return Experiment("provenance", title: "") {
            width
            Cell("c") { ctx in
                ctx.record(value, compute(try ctx[width], ctx.seed))
                ctx.record(modelled, 2)
            }
            for c in claims { c }
        }
    }

    func testDefinitionalValueIsNeverReproduced() throws {
        let claim = Claim(value, expected: 4, tolerance: 0, source: "X", claimed: "four",
                          provenance: .definitional(why: "4 is 4"))
        let r = try run(experiment([claim]) { _, _ in 4 }, cache: false).record.claims[0]
        XCTAssertEqual(r.verdict, .definitional)
        XCTAssertEqual(r.provenance, .definitional)
        XCTAssertEqual(r.claimedDisplay, "four")
        XCTAssertTrue(r.reason.contains("not counted as reproduced"), r.reason)
        XCTAssertEqual(ClaimCounts([r]).reproducedTotal, 0)
    }

    func testAlternativeThatFlipsMakesTheClaimInconclusiveWithBothFigures() throws {
        let claim = Claim(value, expected: 1, interval: 1.000001...100, source: "X", claimed: "faster",
                          provenance: .measured("timed"), alternatives: [Alternative(modelled, "modelled clock")])
        let slow = try run(experiment([claim]) { _, _ in 0.15 }, cache: false).record.claims[0]
        XCTAssertEqual(slow.verdict, .inconclusive)
        XCTAssertTrue(slow.reason.contains("0.15") && slow.reason.contains("modelled clock: 2 (reproduced)"), slow.reason)
        XCTAssertEqual(slow.alternatives?.first?.verdict, .reproduced)
        let fast = try run(experiment([claim]) { _, _ in 3 }, cache: false).record.claims[0]
        XCTAssertEqual(fast.verdict, .reproduced, "both figures agree")
    }

    func testModelledClaimWithoutAlternativeCannotBeReproduced() throws {
        let claim = Claim(value, expected: 1, interval: 0...10, source: "X", claimed: "lower",
                          provenance: .modelled([Assumption("rate", "5 GFLOP/s", source: "Lepton's choice", plausible: "1–50")]))
        let r = try run(experiment([claim]) { _, _ in 1 }, cache: false).record.claims[0]
        XCTAssertEqual(r.verdict, .inconclusive)
        XCTAssertTrue(r.provenanceDetail?.contains("rate = 5 GFLOP/s (Lepton's choice; plausible 1–50)") == true, r.provenanceDetail ?? "")
    }

    func testChosenBoundWithBreakEvenInsideItsPlausibleRangeIsInconclusive() throws {
        let budget = Choice("a 2-point budget", bound: .upper, plausible: 1...5)
        let near = Claim(value, expected: 0, interval: -100...2, source: "X", claimed: "keeps accuracy",
                         provenance: .measured("trained"), choices: [budget])
        let r = try run(experiment([near]) { _, _ in 1.5 }, cache: false).record.claims[0]
        XCTAssertEqual(r.verdict, .inconclusive)
        XCTAssertTrue(r.choices?.first?.contains("break-even 1.5") == true, r.choices?.description ?? "")
        let far = try run(experiment([near]) { _, _ in 0.1 }, cache: false).record.claims[0]
        XCTAssertEqual(far.verdict, .reproduced)
        XCTAssertTrue(far.choices?.first?.contains("holds over the plausible range") == true)
    }

    func testAClaimOnAMetricNoCellRecordedFailsTheRun() {
        let claim = Claim(Metric("forgotten"), expected: 1, tolerance: 0, source: "X", claimed: "1", provenance: .measured("x"))
        XCTAssertThrowsError(try run(experiment([claim]) { _, _ in 1 }, cache: false)) { error in
            guard case let LabError.claimMetricNotRecorded(_, _, metric, recorded)? = error as? LabError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(metric, "forgotten")
            XCTAssertEqual(recorded, ["value", "value.modelled"])
            XCTAssertTrue("\(error)".contains("experiment bug"), "\(error)")
        }
    }

    /// Acceptance 2: a claim whose value does not change when the seed and every numeric
    /// parameter change is computed from constants; declared measured, the probe flags it.
    func testProbeFlagsAClaimComputedFromAConstant() throws {
        let constant = Claim(value, expected: 4, tolerance: 0, source: "X", claimed: "4", provenance: .measured("claims to run"))
        let e = experiment([constant]) { _, _ in 4 }
        XCTAssertEqual(ProvenanceProbe.perturbations(of: e, profile: nil), ["width=5"])
        let base = try run(e, cache: false)
        let moved = try run(e, ProvenanceProbe.perturbations(of: e, profile: nil), cache: false, seed: 2)
        let flagged = ProvenanceProbe.constantClaims(base: base, perturbed: moved)
        XCTAssertEqual(flagged.count, 1)
        XCTAssertTrue(flagged[0].contains("declare it .arithmetic(printed:)"), flagged[0])

        let honest = Claim(value, expected: 4, tolerance: 0, source: "X", claimed: "4", provenance: .definitional(why: "typed in"))
        let e2 = experiment([honest]) { _, _ in 4 }
        XCTAssertTrue(ProvenanceProbe.constantClaims(base: try run(e2, cache: false), perturbed: try run(e2, ["width=5"], cache: false, seed: 2)).isEmpty)

        let dependent = experiment([constant]) { width, seed in Double(width) + Double(seed) / 10 }
        XCTAssertTrue(ProvenanceProbe.constantClaims(base: try run(dependent, cache: false),
                                                     perturbed: try run(dependent, ["width=5"], cache: false, seed: 2)).isEmpty)
    }
}
