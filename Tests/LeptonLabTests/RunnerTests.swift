import Foundation
import XCTest
@testable import LeptonLab

/// A small experiment whose cells count how often they really run.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    func hit(_ name: String) { lock.lock(); counts[name, default: 0] += 1; lock.unlock() }
    func count(_ name: String) -> Int { lock.lock(); defer { lock.unlock() }; return counts[name] ?? 0 }
}

func chainExperiment(_ counter: Counter) -> Experiment {
    Experiment("chain", title: "Chain") {
        Parameter("n", default: 100, range: 1...100_000)
        Parameter("scale", default: 2.0, range: 0.0...10.0)
        Parameter("label", default: "a")
        Cell("draw") { ctx in
            counter.hit("draw")
            var g = ctx.rng("values")
            let values = (0..<(try ctx.int("n"))).map { _ in g.nextUnitDouble() }
            try ctx.save(values, as: "values")
            ctx.metric("mean", values.reduce(0, +) / Double(values.count))
        }
        Cell("scale") { ctx in
            counter.hit("scale")
            let values = try ctx.load([Double].self, "values")
            let s = try ctx.double("scale")
            ctx.metric("scaled.mean", values.map { $0 * s }.reduce(0, +) / Double(values.count), polarity: .higherIsBetter)
        }
        Cell("label") { ctx in
            counter.hit("label")
            ctx.note("label is \(try ctx.string("label"))")
            ctx.metric("label.length", Double(try ctx.string("label").count))
        }
    }
}

final class RunnerTests: XCTestCase {
    private var reports: URL!

    override func setUpWithError() throws {
        reports = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-lab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: reports) }

    private func run(_ e: Experiment, _ overrides: [String] = [], cache: Bool = true, seed: UInt64 = 1, seeds: Int? = nil) throws -> RunResult {
        try Runner(experiment: e, options: RunOptions(overrides: overrides, seed: seed, replicates: seeds, useCache: cache,
                                                       threads: 1, reports: reports)).run()
    }

    private func statuses(_ r: RunResult) -> [String: CellRun.Status] {
        Dictionary(uniqueKeysWithValues: r.record.cells.map { ($0.cell, $0.status) })
    }

    func testSameSeedSameMetricsAndOtherSeedDiffers() throws {
        let counter = Counter()
        let a = try run(chainExperiment(counter), cache: false)
        let b = try run(chainExperiment(counter), cache: false)
        let c = try run(chainExperiment(counter), cache: false, seed: 2)
        XCTAssertEqual(a.record.metrics, b.record.metrics)
        XCTAssertNotEqual(a.record.metrics.first?.value, c.record.metrics.first?.value)
        XCTAssertNil(DeterminismCheck.firstDifference(a, b))
        XCTAssertEqual(DeterminismCheck.firstDifference(a, c)?.cell, "draw")
    }

    /// Changing one parameter reruns exactly the cells that read it and the cells that
    /// read their artifacts.
    func testCacheRerunsOnlyWhatDependsOnAChange() throws {
        let counter = Counter()
        let e = chainExperiment(counter)
        XCTAssertEqual(statuses(try run(e)), ["draw": .ran, "scale": .ran, "label": .ran])
        XCTAssertEqual(statuses(try run(e)), ["draw": .cached, "scale": .cached, "label": .cached])
        XCTAssertEqual(statuses(try run(e, ["label=bb"])), ["draw": .cached, "scale": .cached, "label": .ran])
        XCTAssertEqual(statuses(try run(e, ["scale=3"])), ["draw": .cached, "scale": .ran, "label": .cached])
        XCTAssertEqual(statuses(try run(e, ["n=50"])), ["draw": .ran, "scale": .ran, "label": .cached])
        XCTAssertEqual(statuses(try run(e, seed: 5)), ["draw": .ran, "scale": .ran, "label": .cached],
                       "a new seed reruns the cell that drew random numbers and the one that used them")
        XCTAssertEqual(statuses(try run(e, cache: false)), ["draw": .ran, "scale": .ran, "label": .ran])
        XCTAssertEqual(counter.count("label"), 3)
        // A cached run reports the same numbers as the run that computed them.
        XCTAssertEqual(try run(e, ["scale=3"]).record.metrics, try run(e, ["scale=3"], cache: false).record.metrics)
    }

    func testSeedsAggregateWithInterval() throws {
        let r = try run(chainExperiment(Counter()), ["n=20"], seeds: 5)
        let s = try XCTUnwrap(r.record.summary.first { $0.name == "mean" })
        XCTAssertEqual(s.n, 5)
        let values = r.record.metrics.filter { $0.name == "mean" }.map(\.value)
        XCTAssertEqual(s.mean, values.reduce(0, +) / 5, accuracy: 1e-12)
        XCTAssertLessThan(s.ci95Low, s.mean)
        XCTAssertGreaterThan(s.ci95High, s.mean)
        XCTAssertEqual(Set(values).count, 5, "each replicate has its own seed")
    }

    func testClaimVerdicts() throws {
        func experiment(_ claims: [Claim], metric: Double) -> Experiment {
            Experiment("claims", title: "") {
                Parameter("dataset", default: "digits")
                Cell("m") { ctx in
                    var g = ctx.rng()
                    ctx.metric("acc", metric + 0.001 * g.nextUnitDouble())
                }
                for c in claims { c }
            }
        }
        let claims = [
            Claim("acc", expected: 0.9, tolerance: 0.01, source: "A"),
            Claim("acc", expected: 0.5, tolerance: 0.01, source: "B"),
            Claim("acc", expected: 0.9, tolerance: 0.01, source: "C", when: ["dataset": "mnist"]),
            Claim("missing", expected: 1, tolerance: 0.1, source: "D"),
        ]
        let r = try run(experiment(claims, metric: 0.9), seeds: 3)
        XCTAssertEqual(r.record.claims.map(\.verdict), [.reproduced, .notReproduced, .inconclusive, .inconclusive])
        XCTAssertTrue(r.record.claims[2].reason.contains("dataset=mnist"), r.record.claims[2].reason)
        XCTAssertTrue(r.record.claims[2].reason.contains("dataset=digits"), r.record.claims[2].reason)
        // An interval straddling a bound is inconclusive.
        let straddle = try run(experiment([Claim("acc", expected: 0.8906, interval: 0.8905...0.95, source: "F")], metric: 0.8901), seeds: 4)
        XCTAssertEqual(straddle.record.claims.first?.verdict, .inconclusive)
    }

    func testSweepRunsEveryPointAndFeedsLaterCells() throws {
        let e = Experiment("sweep", title: "") {
            Parameter("k", default: 1, range: 1...10)
            Parameter("offset", default: 0, range: 0...10)
            Sweep("k", points: [["k": 1], ["k": 2], ["k": 3]]) {
                Cell("square") { ctx in ctx.metric("square", Double(try ctx.int("k") * (try ctx.int("k")) + (try ctx.int("offset")))) }
            }
            Cell("total") { ctx in ctx.metric("total", ctx.sweepResults().compactMap { $0.metric("square") }.reduce(0, +)) }
        }
        let r = try run(e)
        XCTAssertEqual(r.record.metrics.filter { $0.name == "square" }.map(\.value), [1, 4, 9])
        XCTAssertEqual(r.record.metrics.first { $0.name == "total" }?.value, 14)
        // Point mode computes one point only; collect then finds every point cached.
        var point = RunOptions(useCache: true, point: 1, threads: 1, reports: reports)
        point.overrides = ["offset=5"]
        XCTAssertEqual(try Runner(experiment: e, options: point).run().record.cells.map(\.cell), ["square"])
        var collect = RunOptions(overrides: ["offset=5"], threads: 1, reports: reports)
        collect.requireCachedSweep = true
        XCTAssertThrowsError(try Runner(experiment: e, options: collect).run()) { error in
            XCTAssertEqual(error as? LabError, .missingPoints(experiment: "sweep", points: [0, 2]))
        }
    }

    func testMissingArtifactAndUndeclaredParameterNameTheCell() throws {
        let e = Experiment("bad", title: "") {
            Cell("reader") { ctx in _ = try ctx.loadBytes("model") }
        }
        XCTAssertThrowsError(try run(e)) { error in
            XCTAssertTrue(String(describing: error).contains("cell 'reader' asked for artifact 'model'"), "\(error)")
        }
        let f = Experiment("bad2", title: "") {
            Cell("reader") { ctx in _ = try ctx.int("epochs") }
        }
        XCTAssertThrowsError(try run(f)) { error in
            XCTAssertTrue(String(describing: error).contains("parameter 'epochs' is not declared"), "\(error)")
        }
    }

    func testRunStoreWritesACompleteRunAndHistory() throws {
        let store = RunStore(root: reports)
        let result = try run(chainExperiment(Counter()))
        let folder = try store.write(result)
        for file in ["results.json", "report.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), file)
        }
        XCTAssertEqual(try store.read(folder), result.record)
        XCTAssertEqual(store.history(experiment: "chain").count, 1)
        XCTAssertEqual(try store.locate("chain").path, folder.path)
        XCTAssertEqual(try store.locate(result.record.runID).path, folder.path)
        let staging = (try? FileManager.default.contentsOfDirectory(atPath: reports.appendingPathComponent(".staging").path)) ?? []
        XCTAssertEqual(staging, [], "nothing left in staging")
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("Cell: scale"))
        XCTAssertTrue(html.contains("label is a"))
    }

    func testStudentIntervalMatchesTable() {
        let s = Statistics.summary([1, 2, 3, 4, 5])
        XCTAssertEqual(s.mean, 3)
        XCTAssertEqual(s.std, 1.5811388300841898, accuracy: 1e-12)
        XCTAssertEqual(s.high - s.mean, 2.776 * 1.5811388300841898 / 5.0.squareRoot(), accuracy: 1e-9)
    }
}
