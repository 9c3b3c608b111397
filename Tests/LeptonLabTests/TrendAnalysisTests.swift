import Foundation
import XCTest
@testable import LeptonLab

/// TrendAnalysis (issue 24, point 6) and the --set refusal on a swept parameter (point 4),
/// through real runs written to a store.
final class TrendAnalysisTests: XCTestCase {
    private static let level = Parameter("level", default: 1.0)
    private static let width = Parameter("width", default: 32, range: 1...1024)
    private static let score = Metric("score", polarity: .higherIsBetter)
    private var level: Parameter<Double> { Self.level }
    private var width: Parameter<Int> { Self.width }

    private func experiment(drop: Double) -> Experiment {
        Experiment("trend", title: "Trend") {
            level
            Cell("measure") { ctx in
                var g = ctx.rng()
                ctx.record(TrendAnalysisTests.score, try ctx[TrendAnalysisTests.level] - drop + 0.001 * g.nextUnitDouble())
            }
        }
    }

    private func history(_ drops: [Double], sets: [[String]]? = nil) throws -> [RunStore.HistoryEntry] {
        let reports = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-trend-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: reports) }
        let store = RunStore(root: reports)
        for (i, drop) in drops.enumerated() {
            let options = RunOptions(overrides: sets?[i] ?? [], seed: UInt64(i + 1), threads: 1, reports: reports)
            try store.write(try Runner(experiment: experiment(drop: drop), options: options).run())
        }
        return store.history(experiment: "trend")
    }

    func testADropAtTheLastRunIsOutsideTheBand() throws {
        let entries = try history([0, 0, 0, 0.4])
        let analysis = TrendAnalysis(entries: entries, metric: "score", reference: entries.last!.settings)
        XCTAssertNil(analysis.step, "no level-change test sees a change at the last run")
        let band = try XCTUnwrap(analysis.latestAgainstBand)
        XCTAssertTrue(band.outside)
        XCTAssertLessThan(band.high - band.low, 0.01, "the band is the earlier runs' noise, 3 sd wide each side")
        XCTAssertTrue(analysis.text.contains("latest run outside the band: 0.6"), analysis.text)
        XCTAssertFalse(analysis.text.contains("no level change"), analysis.text)
    }

    func testNoiseStaysInsideTheBand() throws {
        let entries = try history([0, 0, 0, 0])
        let analysis = TrendAnalysis(entries: entries, metric: "score", reference: entries.last!.settings)
        XCTAssertEqual(analysis.latestAgainstBand?.outside, false)
        XCTAssertTrue(analysis.text.contains("latest run inside the band"), analysis.text)
    }

    func testRunsWithOtherParametersHaveOtherSettings() throws {
        let entries = try history([0, 0, 0], sets: [["level=1"], ["level=2"], ["level=1"]])
        XCTAssertEqual(entries[0].settings, entries[2].settings, "the seed may differ")
        XCTAssertNotEqual(entries[1].settings, entries[2].settings)
        XCTAssertEqual(TrendAnalysis.settingsDifference(entries[1], from: entries[2]), "seed 2, level=2")
        XCTAssertEqual(entries[1].set, ["level=2"])
    }

    func testSetOnASweptParameterIsRefusedNamingTheSweep() throws {
        let e = Experiment("swept", title: "Swept") {
            width
            level
            Sweep("widths", over: width, [4, 64]) { Cell("fit") { ctx in ctx.record(TrendAnalysisTests.score, Double(try ctx[TrendAnalysisTests.width])) } }
        }
        XCTAssertThrowsError(try e.resolve(profile: nil, overrides: ["width=8"])) { error in
            XCTAssertEqual(error as? LabError, .sweptParameter(experiment: "swept", name: "width", sweep: "widths", values: ["4", "64"]))
            XCTAssertTrue("\(error)".contains("sweep 'widths' sets 'width' at every point (4, 64)"), "\(error)")
        }
        XCTAssertNoThrow(try e.resolve(profile: nil, overrides: ["level=3"]))
    }
}
