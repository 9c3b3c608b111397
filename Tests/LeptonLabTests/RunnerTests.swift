import Foundation
import XCTest
@testable import LeptonLab

final class RunnerTests: LabTestCase {
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

    /// Measured table columns and artifacts (wall time) may differ between two runs with the
    /// same seed without failing `--verify-determinism`; any other column still does.
    func testDeterminismCheckLeavesOutMeasuredColumnsAndArtifacts() throws {
        final class Tick: @unchecked Sendable { var value = 0 }
        let tick = Tick(), offset = Tick()
        let e = Experiment("timed", title: "Timed") {
            Cell("time") { ctx in
                tick.value += 1         // a different "wall time" on every run
                ctx.table("Timings", columns: ["Size", "Time (ms)"], rows: [["\(8 + offset.value)", "\(tick.value)"]],
                          measured: ["Time (ms)"])
                try ctx.save(["seconds": tick.value], as: "history", measured: true)
                try ctx.save(["size": 8], as: "sizes")
            }
        }
        let a = try run(e, cache: false), b = try run(e, cache: false)
        XCTAssertNotEqual(a.outputs[0].output.tables, b.outputs[0].output.tables)
        XCTAssertNil(DeterminismCheck.firstDifference(a, b))
        offset.value = 1            // now a deterministic column differs
        let c = try run(e, cache: false)
        XCTAssertEqual(DeterminismCheck.firstDifference(a, c)?.detail, "table 'Timings' differs")
    }

    func testPlanOrdersCellsSweepPointsAndReplicates() {
        let k = Parameter("k", default: 1)
        let e = Experiment("plan", title: "") {
            k
            Cell("before") { _ in }
            Sweep("k", over: k, [1, 2]) { Cell("inside") { _ in } }
            Cell("after") { _ in }
        }
        let all = RunPlan(experiment: e, replicates: 2, point: nil).units.map { "\($0.cell.name)@\($0.point.map(String.init) ?? "-")r\($0.replicate)" }
        XCTAssertEqual(all, ["before@-r0", "inside@0r0", "inside@1r0", "after@-r0", "before@-r1", "inside@0r1", "inside@1r1", "after@-r1"])
        let one = RunPlan(experiment: e, replicates: 1, point: 1).units.map { "\($0.cell.name)@\($0.point.map(String.init) ?? "-")" }
        XCTAssertEqual(one, ["before@-", "inside@1"], "--point runs the cells before the sweep and its own point only")
    }

    func testArtifactScopeSeesOuterAndOwnPointOnly() {
        let c = Cell("c") { _ in }
        var scope = ArtifactScope()
        scope.store(["model": Data([1])], for: RunUnit(cell: c, point: nil, replicate: 0))
        scope.store(["curve": Data([2])], for: RunUnit(cell: c, point: 0, replicate: 0))
        let atPoint1 = RunUnit(cell: c, point: 1, replicate: 0)
        XCTAssertEqual(scope.artifact("model", for: atPoint1), Data([1]))
        XCTAssertNil(scope.artifact("curve", for: atPoint1), "another point's artifact is invisible")
        XCTAssertNil(scope.artifact("model", for: RunUnit(cell: c, point: nil, replicate: 1)), "another replicate's too")
        XCTAssertEqual(scope.available(to: RunUnit(cell: c, point: 0, replicate: 0)), ["curve", "model"])
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

    func testClaimVerdictsAndChecks() throws {
        let dataset = Parameter("dataset", default: "digits")
        let acc = Metric("acc", polarity: .higherIsBetter)
        func experiment(_ claims: [Claim], metric: Double) -> Experiment {
            Experiment("claims", title: "") {
                dataset
                Cell("m") { ctx in
                    var g = ctx.rng()
                    ctx.record(acc, metric + 0.001 * g.nextUnitDouble())
                }
                for c in claims { c }
                Check(acc, interval: 0.5...1, rationale: "Lepton's own target: better than chance")
            }
        }
        let claims = [
            Claim(acc, expected: 0.9, tolerance: 0.01, source: "A"),
            Claim(acc, expected: 0.5, tolerance: 0.01, source: "B"),
            Claim(acc, expected: 0.9, tolerance: 0.01, source: "C", when: [dataset("mnist")]),
        ]
        let r = try run(experiment(claims, metric: 0.9), seeds: 3)
        XCTAssertEqual(r.record.claims.map(\.verdict), [.reproduced, .notReproduced, .inconclusive, .reproduced])
        XCTAssertEqual(r.record.claims.map(\.kind), [.claim, .claim, .claim, .check])
        XCTAssertTrue(r.record.claims[1].reason.contains("outside the accepted range [0.49, 0.51]"), r.record.claims[1].reason)
        XCTAssertTrue(r.record.claims[1].reason.contains("mean 0.90"), r.record.claims[1].reason)
        XCTAssertTrue(r.record.claims[2].reason.contains("dataset=mnist"), r.record.claims[2].reason)
        XCTAssertTrue(r.record.claims[2].reason.contains("dataset=digits"), r.record.claims[2].reason)
        let straddle = try run(experiment([Claim(acc, expected: 0.8906, interval: 0.8905...0.95, source: "F")], metric: 0.8901), seeds: 4)
        XCTAssertEqual(straddle.record.claims.first?.verdict, .inconclusive)
    }

    func testSweepRunsEveryPointAndFeedsLaterCells() throws {
        let k = Parameter("k", default: 1, range: 1...10)
        let offset = Parameter("offset", default: 0, range: 0...10)
        let square = Metric("square"), total = Metric("total")
        let e = Experiment("sweep", title: "") {
            k
            offset
            Sweep("k", over: k, [1, 2, 3]) {
                Cell("square") { ctx in ctx.record(square, Double(try ctx[k] * ctx[k] + ctx[offset])) }
            }
            Cell("total") { ctx in ctx.record(total, ctx.sweepResults().compactMap { $0[square] }.reduce(0, +)) }
        }
        let r = try run(e)
        XCTAssertEqual(r.record.metrics.filter { $0.name == "square" }.map(\.value), [1, 4, 9])
        XCTAssertEqual(r.record.metrics.first { $0.name == "total" }?.value, 14)
        var point = RunOptions(useCache: true, point: 1, threads: 1, reports: reports)
        point.overrides = ["offset=5"]
        XCTAssertEqual(try Runner(experiment: e, options: point).run().record.cells.map(\.cell), ["square"])
        var collect = RunOptions(overrides: ["offset=5"], threads: 1, reports: reports)
        collect.requireCachedSweep = true
        XCTAssertThrowsError(try Runner(experiment: e, options: collect).run()) { error in
            XCTAssertEqual(error as? LabError, .missingPoints(experiment: "sweep", points: [0, 2]))
        }
    }

    /// Each unit records the threads it ran with: a point computed with 1 thread keeps 1
    /// when a collect with 3 threads assembles it; the collect's own cells record 3.
    func testThreadCountIsRecordedPerPoint() throws {
        let k = Parameter("k", default: 1, range: 1...10)
        let square = Metric("square")
        let e = Experiment("threads", title: "") {
            k
            Sweep("k", over: k, [1, 2]) {
                Cell("square") { ctx in ctx.record(square, Double(try ctx[k] * ctx[k])) }
            }
            Cell("after") { ctx in ctx.record(Metric("n"), Double(ctx.sweepResults().count)) }
        }
        for (p, threads) in [(0, 1), (1, 2)] {
            _ = try Runner(experiment: e, options: RunOptions(point: p, threads: threads, reports: reports)).run()
        }
        var collect = RunOptions(threads: 3, reports: reports)
        collect.requireCachedSweep = true
        let record = try Runner(experiment: e, options: collect).run().record
        XCTAssertEqual(record.cells.map { "\($0.cell)@\($0.point.map(String.init) ?? "-"):\($0.status.rawValue):\($0.threads ?? 0)" },
                       ["square@0:cached:1", "square@1:cached:2", "after@-:ran:3"])
        XCTAssertEqual(record.environment.threads, 3)
    }

    /// One missing point reads "sweep point 1 has", several "sweep points 0, 2 have".
    func testMissingPointsMessageAgreesInNumber() {
        XCTAssertTrue(LabError.missingPoints(experiment: "x", points: [1]).description.contains("x: sweep point 1 has not run yet"))
        XCTAssertTrue(LabError.missingPoints(experiment: "x", points: [0, 2]).description.contains("x: sweep points 0, 2 have not run yet"))
    }

    func testMissingArtifactAndUndeclaredParameterNameTheCell() throws {
        let e = Experiment("bad", title: "") {
            Cell("reader") { ctx in _ = try ctx.loadBytes("model") }
        }
        XCTAssertThrowsError(try run(e)) { error in
            XCTAssertTrue(String(describing: error).contains("cell 'reader' asked for artifact 'model'"), "\(error)")
        }
        let epochs = Parameter("epochs", default: 3)
        let f = Experiment("bad2", title: "") {
            Cell("reader") { ctx in _ = try ctx[epochs] }
        }
        XCTAssertThrowsError(try run(f)) { error in
            XCTAssertTrue(String(describing: error).contains("parameter 'epochs' is not declared by experiment bad2"), "\(error)")
        }
    }

    func testReadsAreTypedAndCoverTheSeed() throws {
        let counter = Counter()
        let r = try run(chainExperiment(counter))
        let draw = try XCTUnwrap(r.outputs.first { $0.cell == "draw" })
        XCTAssertEqual(draw.output.reads, [.parameter(name: "n", value: .int(100)), .seed(1)])
        let seedOnly = Metric("seed")
        let e = Experiment("seed", title: "") {
            Cell("s") { ctx in ctx.record(seedOnly, Double(ctx.seed)) }
        }
        XCTAssertEqual(try run(e).record.metrics.first?.value, 1)
        XCTAssertEqual(statuses(try run(e, seed: 7)), ["s": .ran], "reading ctx.seed is an input: a new seed reruns the cell")
        XCTAssertEqual(try run(e, seed: 7).record.metrics.first?.value, 7)
    }

    func testStudentIntervalMatchesTable() {
        let s = Statistics.summary([1, 2, 3, 4, 5])
        XCTAssertEqual(s.mean, 3)
        XCTAssertEqual(s.std, 1.5811388300841898, accuracy: 1e-12)
        XCTAssertEqual(s.high - s.mean, 2.776 * 1.5811388300841898 / 5.0.squareRoot(), accuracy: 1e-9)
    }
}
