import Foundation
import XCTest
@testable import LeptonLab
import LeptonNN

/// NaN and infinities anywhere: the run completes, every file parses with a standard JSON
/// parser, the report shows the values, a claim on a NaN is not reproduced with the reason.
final class NonFiniteTests: LabTestCase {
    private let loss = Metric("loss", polarity: .lowerIsBetter)
    private let gain = Metric("gain", polarity: .higherIsBetter)
    private let drop = Metric("drop")
    private let latency = Metric("latency", unit: "ms", polarity: .lowerIsBetter, measured: true)

    private var experiment: Experiment {
        let (loss, gain, drop, latency) = (loss, gain, drop, latency)
        return Experiment("nonfinite", title: "Non-finite values") {
            Cell("record") { ctx in
                ctx.record(loss, .nan)
                ctx.record(gain, .infinity)
                ctx.record(drop, -.infinity)
                ctx.record(latency, samples: [1, .nan, .infinity, -.infinity, 2])
            }
            Claim(loss, expected: 0.05, tolerance: 0.01, source: "a paper")
        }
    }

    func testRunWithNonFiniteValuesCompletesAndRecordsThem() throws {
        for cache in [true, true, false] {
            let result = try run(experiment, cache: cache)
            let claim = try XCTUnwrap(result.record.claims.first)
            XCTAssertEqual(claim.verdict, .notReproduced)
            XCTAssertTrue(claim.reason.contains("nan") && claim.reason.contains("not a finite number"), claim.reason)
            XCTAssertTrue(result.record.warnings?.contains { $0.contains("metric loss of cell 'record' is nan") } == true,
                          "\(result.record.warnings ?? [])")
        }
        let folder = try RunStore(root: reports).write(try run(experiment))
        let data = try Data(contentsOf: folder.appendingPathComponent("results.json"))
        let parsed = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any], "a standard JSON parser reads it")
        let metrics = try XCTUnwrap(parsed["metrics"] as? [[String: Any]])
        XCTAssertEqual(metrics.compactMap { $0["value"] as? String }, ["NaN", "Infinity", "-Infinity", "NaN"])
        let history = try String(contentsOf: reports.appendingPathComponent("nonfinite/history.jsonl"), encoding: .utf8)
        XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(history.split(separator: "\n")[0].utf8)))
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        for shown in ["NaN", "∞", "−∞"] { XCTAssertTrue(html.contains(shown), "the report shows \(shown)") }
        XCTAssertTrue(html.contains("not a finite number"))
    }

    func testRegressionCheckCallsANaNCandidateARegression() throws {
        let base = try run(Experiment("g", title: "") { Cell("c") { ctx in ctx.record(Metric("acc", polarity: .higherIsBetter), 0.9) } })
        let bad = try run(Experiment("g", title: "") { Cell("c") { ctx in ctx.record(Metric("acc", polarity: .higherIsBetter), .nan) } },
                          cache: false)
        let report = RegressionCheck.compare(baseline: base.record, candidate: bad.record)
        XCTAssertEqual(report.regressions.map(\.metric), ["acc"])
    }
}

/// A training whose loss becomes NaN or grows far above its start is flagged with the epoch.
final class DivergenceWarningTests: LabTestCase {
    func testDivergedTrainingIsAWarningOfTheRun() throws {
        @Sendable func history(_ losses: [Double]) -> History {
            var h = History()
            h.epochs = losses.enumerated().map { i, loss in
                EpochRecord(epoch: i + 1, trainLoss: loss, trainAccuracy: nil, validationLoss: nil, validationAccuracy: nil,
                            seconds: 0, validationSeconds: 0)
            }
            return h
        }
        let e = Experiment("diverge", title: "") {
            Cell("nan") { ctx in ctx.checkTraining(history([2.3, 1.9, .nan, .nan])) }
            Cell("growth") { ctx in ctx.checkTraining(history([2.3, 5, 9.5])) }
            Cell("healthy") { ctx in ctx.checkTraining(history([2.3, 0.9, 0.5])) }
        }
        let warnings = try run(e).record.warnings ?? []
        XCTAssertEqual(warnings.count, 2, "\(warnings)")
        XCTAssertTrue(warnings[0].hasPrefix("nan: training in cell 'nan' diverged at epoch 3: non-finite loss"), warnings[0])
        XCTAssertTrue(warnings[1].contains("diverged at epoch 3: loss far above its start") && warnings[1].contains("learning rate"), warnings[1])
    }
}
