import Foundation
import XCTest
@testable import LeptonLab

/// `Grading` on records made by the runner: what it reads as changed, and the ways a
/// results.json cannot be trusted (the end-to-end classification of six submissions is in
/// LeptonCLITests/ClassLabTests).
final class GradingTests: LabTestCase {
    private let accuracy = Metric("accuracy", polarity: .higherIsBetter)

    private func experiment(claimLow: Double = 0.4) -> Experiment {
        let accuracy = self.accuracy
        return Experiment("graded", title: "Graded") {
            chainN
            Cell("draw") { ctx in
                var g = ctx.rng("values")
                let values = (0..<(try ctx[chainN])).map { _ in g.nextUnitDouble() }
                ctx.record(accuracy, values.reduce(0, +) / Double(values.count))
            }
            Claim(accuracy, expected: 0.5, interval: claimLow...0.6, source: "the handout")
        }
    }

    private func data(_ record: RunRecord) throws -> Data { try RunStore.encode(record) }

    func testAnUnchangedRunIsUnchangedAndMatchesBitForBit() throws {
        let key = try run(experiment()).record
        let again = try run(experiment(), cache: false).record
        let g = Grading.grade(data: try data(again), student: "s", path: "-", key: key)
        XCTAssertEqual(g.findings, [.unchanged])
        XCTAssertTrue(g.metrics.contains("bit for bit"), g.metrics)
        XCTAssertEqual(g.verdicts, [key.claims[0].statement + ": reproduced"])
    }

    func testParameterSeedAndClaimChangesAreNamed() throws {
        let key = try run(experiment()).record
        let other = try run(experiment(claimLow: 0.45), ["n=50"], seed: 2).record
        let g = Grading.grade(data: try data(other), student: "s", path: "-", key: key)
        XCTAssertEqual(g.findings, [.changedParameter, .editedClaim])
        XCTAssertEqual(g.changedParameters, ["n: 100 → 50", "seed: 1 → 2"])
        XCTAssertEqual(g.editedClaims, [other.claims[0].statement])
    }

    /// Same code and parameters under the same numerics but other bits: flagged.
    func testDifferentBitsWithNothingChangedAreFlagged() throws {
        let key = try run(experiment()).record
        var copy = key
        copy.metrics[0].value = key.metrics[0].value.nextUp
        copy.summary = RunRecordBuilder.summarize(copy.metrics)
        copy.claims[0].reproduced = copy.metrics[0].value
        copy.claims[0].intervalLow = copy.metrics[0].value
        copy.claims[0].intervalHigh = copy.metrics[0].value
        let g = Grading.grade(data: try data(copy), student: "s", path: "-", key: key)
        XCTAssertEqual(g.findings, [.metricsDiffer], "\(g)")
    }

    func testTruncatedNotJSONAndNotARecordAreCorrupt() throws {
        let key = try run(experiment()).record
        let bytes = try data(key)
        let cut = Grading.grade(data: bytes.prefix(bytes.count - 40), student: "s", path: "-", key: key)
        XCTAssertEqual(cut.findings, [.corrupt])
        XCTAssertTrue(cut.problems[0].contains("truncated"), "\(cut.problems)")
        let garbage = Grading.grade(data: Data("results}".utf8), student: "s", path: "-", key: key)
        XCTAssertEqual(garbage.findings, [.corrupt])
        XCTAssertTrue(garbage.problems[0].contains("not valid JSON"), "\(garbage.problems)")
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: bytes) as? [String: Any])
        object.removeValue(forKey: "metrics")
        let partial = Grading.grade(data: try JSONSerialization.data(withJSONObject: object), student: "s", path: "-", key: key)
        XCTAssertEqual(partial.findings, [.corrupt])
        XCTAssertTrue(partial.problems[0].contains("required key 'metrics'"), "\(partial.problems)")
    }

    func testAHandEditedValueOrVerdictIsTampered() throws {
        let key = try run(experiment()).record
        var value = key
        value.metrics[0].value = 0.99
        XCTAssertEqual(Grading.grade(data: try data(value), student: "s", path: "-", key: key).findings, [.tampered])
        var verdict = key
        verdict.claims[0].verdict = .notReproduced
        let g = Grading.grade(data: try data(verdict), student: "s", path: "-", key: key)
        XCTAssertEqual(g.findings, [.tampered])
        XCTAssertTrue(g.problems.contains { $0.contains("says not reproduced") }, "\(g.problems)")
        var cell = key
        cell.metrics[0].cell = "invented"
        XCTAssertEqual(Grading.grade(data: try data(cell), student: "s", path: "-", key: key).findings, [.tampered])
        XCTAssertEqual(Grading.inconsistencies(key), [], "a record as written agrees with itself")
    }
}
