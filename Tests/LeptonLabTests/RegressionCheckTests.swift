import Foundation
import LeptonCharts
import LeptonCore
import LeptonTensor
import XCTest
@testable import LeptonLab

final class RegressionCheckTests: XCTestCase {
    /// A record of `metrics`; `fingerprint` nil (the default) leaves the numerics unknown, so
    /// thresholds apply, as between runs of different numerics.
    private func record(_ metrics: [MetricRecord], thresholds: [Threshold] = [], run: String,
                        fingerprint: String? = nil) -> RunRecord {
        let builder = RunRecordBuilder(experiment: Experiment("x", title: "") { Cell("c") { _ in } }, options: RunOptions(),
                                       resolved: ResolvedParameters(values: [:], origins: [:], profile: nil), replicates: 1, outputs: [])
        var r = builder.build()
        r.runID = run
        r.metrics = metrics
        r.summary = builder.summarize(metrics)
        r.thresholds = thresholds
        r.environment.numerics = fingerprint.map { NumericsRecord(fingerprint: $0, kernels: "test", fusedMultiplyAdd: true) }
        return r
    }

    /// Same numerics fingerprint: bits are compared — any change is a regression or an
    /// improvement, however small; with other fingerprints the threshold applies, and a
    /// threshold-crossing count may move ±10 %.
    func testSameFingerprintComparesBitsAndCrossingsMoveTenPercentAcrossNumerics() {
        let t = [Threshold(named: "acc", absolute: 0.01)]
        func acc(_ v: Double) -> MetricRecord { metric("acc", v, polarity: .higherIsBetter) }
        func rounds(_ v: Double) -> MetricRecord {
            var m = metric("rounds", v, polarity: .lowerIsBetter)
            m.crossing = true
            return m
        }
        let base = record([acc(0.95), rounds(44)], thresholds: t, run: "base", fingerprint: "f")
        let tiny = record([acc(0.95.nextDown), rounds(44)], thresholds: t, run: "tiny", fingerprint: "f")
        let exact = RegressionCheck.compare(baseline: base, candidate: tiny)
        XCTAssertEqual(exact.findings.first { $0.metric == "acc" }?.status, .regression)
        XCTAssertTrue(exact.findings.allSatisfy { $0.rule.hasPrefix("exact (same numerics f)") }, "\(exact.findings.map(\.rule))")
        XCTAssertEqual(exact.findings.first { $0.metric == "rounds" }?.status, .unchanged)
        XCTAssertEqual(RegressionCheck.compare(baseline: base, candidate: record([acc(0.95), rounds(42)], run: "b", fingerprint: "f"))
                        .findings.first { $0.metric == "rounds" }?.status, .improvement)

        let otherNumerics = record([acc(0.95.nextDown), rounds(46)], thresholds: t, run: "other", fingerprint: "g")
        let tolerant = RegressionCheck.compare(baseline: base, candidate: otherNumerics)
        XCTAssertEqual(tolerant.findings.first { $0.metric == "acc" }?.status, .withinTolerance)
        let crossing = tolerant.findings.first { $0.metric == "rounds" }
        XCTAssertEqual(crossing?.status, .withinTolerance, "44 → 46 rounds is within ±10 % across numerics")
        XCTAssertTrue(crossing?.rule.contains("threshold crossing") == true, crossing?.rule ?? "")
        let farther = record([acc(0.95), rounds(52)], thresholds: t, run: "far", fingerprint: "g")
        XCTAssertEqual(RegressionCheck.compare(baseline: base, candidate: farther).findings.first { $0.metric == "rounds" }?.status,
                       .regression, "44 → 52 rounds is beyond ±10 %")
    }

    private func metric(_ name: String, _ value: Double, polarity: Polarity, replicate: Int = 0, measured: Bool = false,
                        samples: [Double]? = nil) -> MetricRecord {
        MetricRecord(name: name, value: value, unit: nil, polarity: polarity, measured: measured, cell: "c", point: nil,
                     replicate: replicate, samples: samples)
    }

    func testDeterministicMetricBeyondThresholdIsARegressionAndMarkdownNamesIt() {
        let t = [Threshold(named: "acc", absolute: 0.01)]
        let base = record([metric("acc", 0.95, polarity: .higherIsBetter)], thresholds: t, run: "base")
        let worse = record([metric("acc", 0.91, polarity: .higherIsBetter)], thresholds: t, run: "worse")
        let slightly = record([metric("acc", 0.945, polarity: .higherIsBetter)], thresholds: t, run: "slight")
        let better = record([metric("acc", 0.97, polarity: .higherIsBetter)], thresholds: t, run: "better")
        let r = RegressionCheck.compare(baseline: base, candidate: worse)
        XCTAssertEqual(r.regressions.map(\.metric), ["acc"])
        XCTAssertTrue(r.markdown.contains("| acc | mean | 0.95 | 0.91 | -0.04 | 0.01 absolute |"), r.markdown)
        XCTAssertEqual(RegressionCheck.compare(baseline: base, candidate: slightly).findings.first?.status, .withinTolerance)
        XCTAssertEqual(RegressionCheck.compare(baseline: base, candidate: better).findings.first?.status, .improvement)
        XCTAssertEqual(RegressionCheck.compare(baseline: base, candidate: record([], run: "empty")).findings.first?.status, .missing)
    }

    func testSeedsNeedASignificantDifference() {
        let t = [Threshold(named: "acc", absolute: 0.005)]
        let base = record([0.950, 0.952, 0.948, 0.951].enumerated().map { metric("acc", $1, polarity: .higherIsBetter, replicate: $0) },
                          thresholds: t, run: "b")
        let noisy = record([0.960, 0.925, 0.955, 0.930].enumerated().map { metric("acc", $1, polarity: .higherIsBetter, replicate: $0) },
                           thresholds: t, run: "n")
        let clear = record([0.930, 0.931, 0.929, 0.932].enumerated().map { metric("acc", $1, polarity: .higherIsBetter, replicate: $0) },
                           thresholds: t, run: "c")
        XCTAssertEqual(RegressionCheck.compare(baseline: base, candidate: noisy).findings.first?.status, .notSignificant)
        XCTAssertEqual(RegressionCheck.compare(baseline: base, candidate: clear).findings.first?.status, .regression)
    }

    func testLatencySamplesByPercentileAndMannWhitney() {
        var g = SeededGenerator(seed: 3)
        func latencies(_ scale: Double, _ n: Int = 300) -> [Double] { (0..<n).map { _ in scale * (1 + 0.1 * abs(g.normal())) } }
        let t = [Threshold(named: "lat", relative: 0.25, percentiles: [50, 95])]
        func run(_ s: [Double], _ id: String) -> RunRecord {
            record([metric("lat", s.sorted()[s.count / 2], polarity: .lowerIsBetter, measured: true, samples: s)], thresholds: t, run: id)
        }
        let base = run(latencies(1), "base")
        let same = RegressionCheck.compare(baseline: base, candidate: run(latencies(1), "same"))
        XCTAssertTrue(same.regressions.isEmpty, same.markdown)
        XCTAssertEqual(same.findings.map(\.statistic), ["p50", "p95"])
        let slower = RegressionCheck.compare(baseline: base, candidate: run(latencies(1.5), "slower"))
        XCTAssertEqual(slower.regressions.count, 2, slower.markdown)
        let bitSlower = RegressionCheck.compare(baseline: base, candidate: run(latencies(1.1), "bit"))
        XCTAssertTrue(bitSlower.regressions.isEmpty, "10 % is within the 25 % tolerance even though significant")
    }

    /// A baseline pooled from fast and slow processes absorbs the machine's two modes: each
    /// percentile is compared with the least favourable baseline run, so a slow-mode rerun
    /// is no longer a regression, while a real slowdown still is.
    func testPooledBaselineAbsorbsBimodalLatency() throws {
        var g = SeededGenerator(seed: 4)
        func latencies(_ scale: Double) -> [Double] { (0..<300).map { _ in scale * (1 + 0.05 * abs(g.normal())) } }
        let t = [Threshold(named: "lat", relative: 0.25, percentiles: [50, 95])]
        func run(_ scale: Double, _ id: String) -> RunRecord {
            let s = latencies(scale)
            return record([metric("lat", s.sorted()[150], polarity: .lowerIsBetter, measured: true, samples: s)], thresholds: t, run: id)
        }
        let fast = run(2.9, "fast"), slow = run(4.5, "slow"), fast2 = run(2.9, "fast2")
        XCTAssertEqual(RegressionCheck.compare(baseline: fast, candidate: slow).regressions.count, 2, "one fast run as baseline: false alarm")
        let pooled = try XCTUnwrap(Baselines.pool([fast, slow, fast2]))
        XCTAssertEqual(pooled.replicates, 3)
        XCTAssertEqual(pooled.metrics.map(\.replicate), [0, 1, 2])
        XCTAssertEqual(pooled.runID, "fast+slow+fast2")
        XCTAssertTrue(RegressionCheck.compare(baseline: pooled, candidate: run(4.5, "slow2")).regressions.isEmpty)
        XCTAssertEqual(RegressionCheck.compare(baseline: pooled, candidate: run(7, "slower")).regressions.count, 2, "a real slowdown still counts")
        XCTAssertTrue(RegressionCheck.compare(baseline: pooled, candidate: run(2.9, "fast3")).improvements.isEmpty,
                      "the fast mode is inside the band, not an improvement")
        XCTAssertEqual(RegressionCheck.compare(baseline: pooled, candidate: run(1.5, "faster")).improvements.count, 2)
    }

    func testMannWhitney() {
        XCTAssertEqual(Statistics.mannWhitneyP([1, 2, 3, 4], [1, 2, 3, 4]), 1, accuracy: 1e-9)
        XCTAssertLessThan(Statistics.mannWhitneyP(Array(stride(from: 0.0, to: 30, by: 1)), Array(stride(from: 100.0, to: 130, by: 1))), 1e-6)
    }

    /// Six recorded runs with the same parameters and a level change injected after the
    /// third (the code changed, as when a lab is edited): the trend chart marks it, and the
    /// report of the sixth run carries the history.
    func testTrendChartMarksAnInjectedStep() throws {
        let reports = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-trend-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: reports) }
        let store = RunStore(root: reports)
        let level = Parameter("level", default: 2.0)
        let score = Metric("score", polarity: .higherIsBetter)
        func experiment(shift: Double) -> Experiment {
            Experiment("trend", title: "Trend") {
                level
                Cell("measure") { ctx in
                    var g = ctx.rng()
                    ctx.record(score, try ctx[level] + shift + 0.01 * g.nextUnitDouble())
                }
            }
        }
        var last: URL?
        for (i, shift) in [0.0, 0.0, 0.0, 1.0, 1.0, 1.0].enumerated() {
            let result = try Runner(experiment: experiment(shift: shift), options: RunOptions(seed: UInt64(i + 1), threads: 1,
                                                                                             reports: reports)).run()
            last = try store.write(result)
        }
        let values = store.history(experiment: "trend").compactMap { $0.metrics["score"] }
        XCTAssertEqual(values.count, 6)
        let (chart, step) = Trend.chart(metric: "score", unit: nil, runs: [], values: values)
        XCTAssertEqual(step, 3)
        let rendered = try chart.render()
        let canvas = try Canvas(png: rendered.png)
        let mid = try XCTUnwrap(rendered.layout.point(x: 3.5, y: 2.5))
        let colour = canvas.color(atPixelX: Int(mid.x * rendered.scale), y: Int(mid.y * rendered.scale))
        XCTAssertEqual(colour, Palette.series(1), "the level-change line is drawn between runs 3 and 4")
        let html = try String(contentsOf: try XCTUnwrap(last).appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("History") && html.contains("Level change before run 4"), "report shows the trend")
        XCTAssertNil(Trend.step(in: [1, 1.001, 0.999, 1.0005, 0.9995, 1.0002]), "no step in flat noise")
    }
}
