import Foundation
import LeptonCore
import LeptonTensor

/// One metric's comparison between a baseline run and a candidate run.
public struct RegressionFinding: Sendable, Codable, Equatable {
    /// The verdict on one metric's change.
    public enum Status: String, Sendable, Codable {
        /// Worse beyond every tolerance, and significant.
        case regression
        /// Better beyond every tolerance, and significant.
        case improvement
        /// No change that counts.
        case unchanged
        /// Moved in the bad direction, but within the tolerances.
        case withinTolerance = "within tolerance"
        /// Beyond the tolerance, but not statistically significant.
        case notSignificant = "not significant"
        /// Not judged: neutral polarity.
        case informational
        /// In the baseline but not in the candidate.
        case missing
        /// Not compared, for the reason in `detail` (a wall-clock metric from another host class).
        case skipped
    }
    /// The metric's name.
    public var metric: String
    /// The sweep point's index; nil outside the sweep.
    public var point: Int?
    /// The metric's unit; nil when it has none.
    public var unit: String?
    /// Whether higher or lower values are better, which sets the bad direction.
    public var polarity: Polarity
    /// What was compared: "mean" or "p95" etc.
    public var statistic: String
    /// The baseline's value of `statistic`, in `unit`.
    public var baseline: Double
    /// The candidate's value of `statistic`, in `unit` (NaN when the candidate lacks the metric).
    public var candidate: Double
    /// The threshold as text ("0.01 absolute and 2 % relative", or "none").
    public var tolerance: String
    /// The Mann–Whitney p-value for distribution metrics; nil when no such test was made.
    public var pValue: Double?
    /// The verdict.
    public var status: Status
    /// How the values were compared (samples or seeds, the test), or why it was skipped or missing.
    public var detail: String
    /// Which comparison rule applied: "same host class", "machine-independent",
    /// "cross-machine (baseline from <class>)" or "wall clock: needs host class <class>".
    public var rule: String = "same host class"

    /// candidate − baseline.
    public var change: Double { candidate - baseline }
}

/// The comparison of a candidate run with a baseline.
public struct RegressionReport: Sendable, Codable {
    /// The candidate run's experiment id.
    public var experiment: String
    /// The baseline run's id.
    public var baselineRun: String
    /// The candidate run's id.
    public var candidateRun: String
    /// One finding per baseline metric, sweep point and compared statistic.
    public var findings: [RegressionFinding]

    /// The findings judged regressions.
    public var regressions: [RegressionFinding] { findings.filter { $0.status == .regression } }
    /// The findings judged improvements.
    public var improvements: [RegressionFinding] { findings.filter { $0.status == .improvement } }
    /// The baseline's metrics the candidate did not record.
    public var missing: [RegressionFinding] { findings.filter { $0.status == .missing } }

    /// A Markdown summary for a CI job summary or a pull-request comment.
    public var markdown: String {
        var lines = ["### Lepton check: \(experiment)", ""]
        let verdict = !regressions.isEmpty ? "❌ \(regressions.count) regression\(regressions.count == 1 ? "" : "s")"
            : !missing.isEmpty ? "⚠️ \(missing.count) metric\(missing.count == 1 ? "" : "s") missing"
            : !improvements.isEmpty ? "✅ no regression, \(improvements.count) improvement\(improvements.count == 1 ? "" : "s")"
            : "✅ no regression"
        lines.append("**\(verdict)** — candidate `\(candidateRun)` against baseline `\(baselineRun)`.")
        lines.append("")
        lines.append("| metric | statistic | baseline | candidate | change | threshold | p | rule | verdict |")
        lines.append("|---|---|---:|---:|---:|---|---:|---|---|")
        for f in findings where f.status != .informational {
            let name = f.metric + (f.point.map { " @\($0)" } ?? "")
            let unit = f.unit.map { " \($0)" } ?? ""
            let verdict = f.status == .regression ? "**regression**" : f.status == .skipped ? "skipped: \(f.detail)" : f.status.rawValue
            let change = (f.change >= 0 ? "+" : "") + format(f.change)
            let p = f.pValue.map { format($0) } ?? "–"
            lines.append("| \(name) | \(f.statistic) | \(format(f.baseline))\(unit) | \(format(f.candidate))\(unit) | "
                + "\(change) | \(f.tolerance) | \(p) | \(f.rule) | \(verdict) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Compares a candidate run against a baseline metric by metric.
///
/// A metric regresses when its change in the bad direction (by its polarity) exceeds
/// every declared tolerance *and* is significant: for distributions (latency samples),
/// each chosen percentile is compared and the Mann–Whitney U test decides; for values
/// with several seeds on both sides, a seeded bootstrap 95 % interval of the difference
/// of means must exclude zero; a deterministic value with one seed per side needs no
/// test (the same seed gives the same number); a wall-clock value with one observation
/// per side cannot be judged and is reported as not significant.
public enum RegressionCheck {
    /// Compares `candidate` with `baseline`; `override` thresholds win over declared ones, and
    /// `wallClock: false` skips wall-clock metrics.
    ///
    /// The rule per metric (docs/RESULTS.md, "Regression rules"): a wall-clock metric is
    /// compared only on the same host class; every other metric, when both runs have the same
    /// numerics fingerprint, **exactly** — any other bit is a change that the code or the inputs
    /// made, reported as a regression or an improvement by its polarity — and otherwise with
    /// its thresholds, where a threshold-crossing count (``Metric/crossing``) may move ±10 %.
    public static func compare(baseline: RunRecord, candidate: RunRecord, thresholds override: [Threshold] = [],
                               wallClock: Bool = true) -> RegressionReport {
        var report = compareAll(baseline: baseline, candidate: candidate, thresholds: override)
        let baseClass = Baselines.hostClass(of: baseline.environment)
        let sameHost = baseClass == Baselines.hostClass(of: candidate.environment)
        let measured = Set(baseline.metrics.filter(\.measured).map(\.name))
        let exact = Set(baseline.metrics.filter { $0.exact == true }.map(\.name))
        let crossing = Set(baseline.metrics.filter { $0.crossing == true }.map(\.name))
        let numerics = NumericsMatch(baseline: baseline.environment.numerics, candidate: candidate.environment.numerics)
        for i in report.findings.indices {
            let name = report.findings[i].metric
            if measured.contains(name) {
                report.findings[i].rule = "wall clock: host class \(baseClass)"
                if !wallClock {
                    report.findings[i].status = .skipped
                    report.findings[i].detail = "\(name) is a wall-clock metric, left out of a deterministic-only check"
                } else if !sameHost {
                    report.findings[i].status = .skipped
                    report.findings[i].detail = "\(name) is a wall-clock metric and the baseline comes from host class \(baseClass), "
                        + "this run from \(Baselines.hostClass(of: candidate.environment)); save a baseline on this host class to gate it"
                }
            } else if let fingerprint = numerics.sameFingerprint {
                report.findings[i].rule = "exact (same numerics \(fingerprint))"
                judgeExactly(&report.findings[i])
            } else if exact.contains(name) {
                report.findings[i].rule = "machine-independent"
            } else if crossing.contains(name) {
                report.findings[i].rule = "threshold crossing, \(numerics.description): ±10 %"
                allowCrossingStep(&report.findings[i])
            } else {
                report.findings[i].rule = "\(numerics.description): thresholds"
            }
        }
        return report
    }

    /// Whether two runs' numerics are expected to give the same bits.
    struct NumericsMatch {
        let baseline: NumericsRecord?, candidate: NumericsRecord?
        /// The shared fingerprint, when both runs recorded one and they are equal.
        var sameFingerprint: String? {
            guard let b = baseline, let c = candidate, b.fingerprint == c.fingerprint else { return nil }
            return b.fingerprint
        }
        var description: String {
            guard let b = baseline else { return "baseline without a numerics fingerprint" }
            guard let c = candidate else { return "run without a numerics fingerprint" }
            return "other numerics (baseline \(b.fingerprint), this run \(c.fingerprint))"
        }
    }

    /// Same fingerprint: the same bits, or a change the code or inputs made.
    private static func judgeExactly(_ f: inout RegressionFinding) {
        guard f.status != .missing, f.status != .skipped else { return }
        f.tolerance = "none (same bits expected)"
        if f.baseline.bitPattern == f.candidate.bitPattern || (f.baseline.isNaN && f.candidate.isNaN) {
            f.status = f.polarity == .neutral ? .informational : .unchanged
            f.detail = "the same bits"
            return
        }
        let note = "changed under the same numerics fingerprint: the same seed and inputs give the same bits on every "
            + "such CPU, so the code or the inputs changed it"
        guard f.polarity != .neutral else { f.status = .informational; f.detail = note; return }
        let worse = f.polarity == .lowerIsBetter ? f.candidate > f.baseline : f.candidate < f.baseline
        f.status = worse || !f.candidate.isFinite ? .regression : .improvement
        f.detail = note
    }

    /// Other numerics: a threshold-crossing count within ±10 % of the baseline is no regression.
    private static func allowCrossingStep(_ f: inout RegressionFinding) {
        guard f.status == .regression || f.status == .notSignificant, f.candidate.isFinite else { return }
        if abs(f.candidate - f.baseline) <= 0.10 * abs(f.baseline) {
            f.status = .withinTolerance
            f.tolerance = "±10 % (threshold crossing)"
            f.detail = "a count read off a threshold crossing: other numerics may move the crossing by a step"
        }
    }

    private static func compareAll(baseline: RunRecord, candidate: RunRecord, thresholds override: [Threshold]) -> RegressionReport {
        var findings: [RegressionFinding] = []
        let declared = override + candidate.thresholds + baseline.thresholds
        for s in baseline.summary {
            let base = baseline.metrics.filter { $0.name == s.name && $0.point == s.point }
            let cand = candidate.metrics.filter { $0.name == s.name && $0.point == s.point }
            let measured = base.contains { $0.measured }
            let threshold = declared.first { $0.metric == s.name } ?? Threshold.fallback(for: s.name, measured: measured)
            if cand.isEmpty {
                findings.append(RegressionFinding(metric: s.name, point: s.point, unit: s.unit, polarity: s.polarity, statistic: "mean",
                                                  baseline: s.mean, candidate: .nan, tolerance: threshold.tolerance, pValue: nil,
                                                  status: .missing, detail: "the candidate run did not record it"))
            } else if base.contains(where: { $0.samples?.isEmpty == false }) && cand.contains(where: { $0.samples?.isEmpty == false }) {
                findings += compareSamples(s, base: base, candidate: cand, threshold: threshold)
            } else {
                findings.append(compareValues(s, base: base.map(\.value), candidate: cand.map(\.value), threshold: threshold, measured: measured))
            }
        }
        return RegressionReport(experiment: candidate.experiment, baselineRun: baseline.runID, candidateRun: candidate.runID,
                                findings: findings)
    }

    /// Distribution metrics: each percentile of the threshold, with Mann–Whitney. Against
    /// a pooled baseline, the least favourable run is the reference (so ordinary run-to-run
    /// variation is inside the band), and an improvement must beat the most favourable too.
    private static func compareSamples(_ s: MetricSummary, base: [MetricRecord], candidate: [MetricRecord],
                                       threshold: Threshold) -> [RegressionFinding] {
        let cs = candidate.compactMap(\.samples).flatMap { $0 }.sorted()
        let all = base.compactMap(\.samples).flatMap { $0 }.sorted()
        let runs = base.compactMap { $0.samples?.sorted() }.filter { !$0.isEmpty }
        return threshold.percentiles.map { q in
            let perRun = runs.map { Statistics.percentile($0, q) }
            let reference = runs.count > 1 ? runs[extreme(perRun, s.polarity, favourable: false)] : all
            let p = Statistics.mannWhitneyP(reference, cs)
            let label = runs.count > 1 ? "p\(format(q)) (least favourable of \(runs.count) baseline runs)" : "p\(format(q))"
            var finding = judge(s, statistic: label, Statistics.percentile(reference, q), Statistics.percentile(cs, q), threshold,
                                significant: p < threshold.alpha, p: p, note: "\(reference.count) vs \(cs.count) samples, Mann–Whitney")
            if runs.count > 1, finding.status == .improvement {
                let best = runs[extreme(perRun, s.polarity, favourable: true)]
                let again = judge(s, statistic: label, Statistics.percentile(best, q), Statistics.percentile(cs, q), threshold,
                                  significant: Statistics.mannWhitneyP(best, cs) < threshold.alpha, p: p, note: finding.detail)
                if again.status != .improvement { finding.status = .unchanged }
            }
            return finding
        }
    }

    /// One value per replicate: a bootstrap interval of the difference over seeds, or, with
    /// one value per side, the value itself (deterministic) or nothing testable (wall clock).
    private static func compareValues(_ s: MetricSummary, base b: [Double], candidate c: [Double], threshold: Threshold,
                                      measured: Bool) -> RegressionFinding {
        let bm = b.reduce(0, +) / Double(b.count), cm = c.reduce(0, +) / Double(c.count)
        if b.count >= 2 && c.count >= 2 {
            let (low, high) = bootstrapDifference(b, c, seed: 0x5eed)
            return judge(s, statistic: "mean", bm, cm, threshold, significant: low > 0 || high < 0, p: nil,
                         note: "\(b.count) vs \(c.count) seeds, bootstrap 95 % interval of the difference [\(format(low)), \(format(high))]")
        }
        return judge(s, statistic: "mean", bm, cm, threshold, significant: !measured, p: nil,
                     note: measured ? "one wall-clock value per side: not testable" : "deterministic value")
    }

    /// The index of the most (or least) favourable value for a metric of `polarity`.
    private static func extreme(_ values: [Double], _ polarity: Polarity, favourable: Bool) -> Int {
        let wantLargest = (polarity == .higherIsBetter) == favourable
        let pick = wantLargest ? values.indices.max { values[$0] < values[$1] } : values.indices.min { values[$0] < values[$1] }
        return pick ?? 0
    }

    private static func judge(_ s: MetricSummary, statistic: String, _ b: Double, _ c: Double, _ t: Threshold,
                              significant: Bool, p: Double?, note: String) -> RegressionFinding {
        var f = RegressionFinding(metric: s.name, point: s.point, unit: s.unit, polarity: s.polarity, statistic: statistic,
                                  baseline: b, candidate: c, tolerance: t.tolerance, pValue: p, status: .unchanged, detail: note)
        if b.isFinite && !c.isFinite {
            f.status = .regression
            f.detail = "the candidate value is \(c), the baseline \(format(b))"
            return f
        }
        guard s.polarity != .neutral else { f.status = .informational; return f }
        let worse = s.polarity == .lowerIsBetter ? c - b : b - c
        func beyond(_ amount: Double) -> Bool {
            var limits: [Double] = []
            if let a = t.absolute { limits.append(a) }
            if let r = t.relative { limits.append(r * abs(b)) }
            return !limits.isEmpty && limits.allSatisfy { amount > $0 }
        }
        if worse == 0 || worse.isNaN {
            f.status = .unchanged
        } else if worse > 0 {
            f.status = !beyond(worse) ? .withinTolerance : (significant ? .regression : .notSignificant)
        } else {
            f.status = beyond(-worse) && significant ? .improvement : .unchanged
        }
        return f
    }

    /// A seeded bootstrap 95 % interval of mean(c) − mean(b), in the metric's bad direction
    /// sign convention left to the caller.
    static func bootstrapDifference(_ b: [Double], _ c: [Double], seed: UInt64, rounds: Int = 2000) -> (Double, Double) {
        var rng = SeededGenerator(seed: seed)
        var diffs: [Double] = []
        diffs.reserveCapacity(rounds)
        for _ in 0..<rounds {
            var sb = 0.0, sc = 0.0
            for _ in b { sb += b[rng.index(below: b.count)] }
            for _ in c { sc += c[rng.index(below: c.count)] }
            diffs.append(sc / Double(c.count) - sb / Double(b.count))
        }
        diffs.sort()
        return (Statistics.percentile(diffs, 2.5), Statistics.percentile(diffs, 97.5))
    }
}
