import Dispatch
import Foundation
import LeptonCore
import LeptonTensor

/// Turns a run's unit outputs into its ``RunRecord``: parameters with their origin,
/// metrics and their replicate summaries, claim verdicts, environment.
struct RunRecordBuilder {
    let experiment: Experiment
    let options: RunOptions
    let resolved: ResolvedParameters
    var values: [String: ParameterValue] { resolved.values }
    let replicates: Int
    let outputs: [UnitOutput]
    var warnings: [String] = []
    var buildDigest: String? = nil

    func build() -> RunRecord {
        let parameters = experiment.parameters.map { spec -> ParameterRecord in
            let origin = resolved.origins[spec.name] ?? .default
            let value = origin == .sweep ? "swept: " + experiment.sweptValues(spec.name).joined(separator: ", ")
                : resolved.values[spec.name]?.description ?? ""
            return ParameterRecord(name: spec.name, value: value, type: spec.defaultValue.typeName, unit: spec.unit, origin: origin)
        }
        let metrics = outputs.flatMap { $0.output.metrics }
        var checksums: [String: String] = [:]
        for o in outputs {
            for case let .dataset(name, sums) in o.output.reads {
                checksums[name] = sums.keys.sorted().map { "\($0)=\(sums[$0] ?? "")" }.joined(separator: ";")
            }
        }
        var record = RunRecord(
            experiment: experiment.id, title: experiment.title, summaryText: experiment.summary,
            runID: RunRecordBuilder.makeRunID(), created: ISO8601DateFormatter().string(from: Date()),
            profile: options.profile, seed: options.seed, replicates: replicates, parameters: parameters,
            sweepName: experiment.sweep?.name,
            sweepPoints: (experiment.sweep?.points ?? []).map { $0.mapValues(\.description) },
            metrics: metrics, summary: summarize(metrics),
            tables: outputs.flatMap { $0.output.tables }, charts: outputs.flatMap { $0.output.charts },
            notes: outputs.flatMap { o in o.output.notes.map { NoteRecord(text: $0, cell: o.cell, point: o.point, replicate: o.replicate) } },
            claims: judgeClaims(metrics), cells: outputs.map(\.run),
            environment: Environment.capture(threads: options.threads, dataChecksums: checksums))
        record.thresholds = experiment.thresholds
        record.layout = experiment.layout
        record.build = buildDigest
        record.source = options.identity.source(of: experiment)
        let nonFinite = metrics.filter { !$0.value.isFinite }.map { m in
            "metric \(m.name)\(m.point.map { " at sweep point \($0)" } ?? "") of cell '\(m.cell)' is \(m.value) (not a finite number)"
        }
        let cellWarnings = outputs.flatMap { o in
            (o.output.warnings ?? []).map { "\(o.cell)\(o.point.map { " at sweep point \($0)" } ?? "")\(replicates > 1 ? ", replicate \(o.replicate)" : ""): \($0)" }
        }
        record.warnings = warnings + Environment.numericsWarnings(record.environment.numerics) + cellWarnings + nonFinite
        return record
    }

    static func makeRunID() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let entropy = UInt32(truncatingIfNeeded: DispatchTime.now().uptimeNanoseconds) ^ (UInt32(bitPattern: getpid()) &* 2_654_435_761)
        return "\(f.string(from: Date()))-\(String(entropy, radix: 16))"
    }

    /// Mean ± std and 95 % interval of every metric over replicates, per sweep point.
    func summarize(_ metrics: [MetricRecord]) -> [MetricSummary] {
        RunRecordBuilder.summarize(metrics)
    }

    /// Mean ± std and 95 % interval of every metric over replicates, per sweep point.
    static func summarize(_ metrics: [MetricRecord]) -> [MetricSummary] {
        var order: [String] = []
        var groups: [String: [MetricRecord]] = [:]
        for m in metrics {
            let key = "\(m.name)|\(m.point.map(String.init) ?? "-")"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(m)
        }
        return order.compactMap { key in
            guard let group = groups[key], let first = group.first else { return nil }
            let s = Statistics.summary(group.map(\.value))
            return MetricSummary(name: first.name, unit: first.unit, polarity: first.polarity, point: first.point, n: group.count,
                                 mean: s.mean, std: s.std, ci95Low: s.low, ci95High: s.high)
        }
    }

    /// Claims (and claim alternatives) whose metric no cell recorded although the run's
    /// parameters match the claim's conditions: an experiment bug, which fails the run.
    func missingClaimMetrics(_ metrics: [MetricRecord]) -> LabError? {
        let recorded = Set(metrics.filter { $0.point == nil }.map(\.name))
        for claim in experiment.claims where claim.conditions.keys.allSatisfy({ values[$0] == claim.conditions[$0] }) {
            for name in [claim.metric.name] + claim.alternatives.map(\.metric.name) where !recorded.contains(name) {
                return .claimMetricNotRecorded(experiment: experiment.id, claim: claim.statement, metric: name,
                                               recorded: recorded.sorted())
            }
        }
        return nil
    }

    /// A claim is reproduced when the value (one replicate) or the whole 95 % interval
    /// (several) lies in the accepted range, not reproduced when it lies wholly outside,
    /// and inconclusive when the interval straddles a bound, when the run's parameters
    /// differ from those the claim was made under, when the verdict differs under one of
    /// the claim's alternatives (another clock, a constant's plausible range), or when it
    /// flips inside the plausible range of a bound Lepton chose. A value that holds by
    /// construction (provenance `definitional`) is `definitional`, never reproduced.
    func judgeClaims(_ metrics: [MetricRecord]) -> [ClaimResult] {
        experiment.claims.map { claim in
            var result = ClaimResult(metric: claim.metric.name, statement: claim.statement, claimed: claim.expected,
                                     acceptedLow: claim.accepted.lowerBound, acceptedHigh: claim.accepted.upperBound,
                                     reproduced: nil, intervalLow: nil, intervalHigh: nil, n: 0, verdict: .inconclusive,
                                     reason: "", source: claim.source, kind: claim.kind)
            result.provenance = claim.provenance?.kind
            result.provenanceDetail = claim.provenance?.detail
            result.claimedText = claim.claimedText
            result.unit = claim.metric.unit
            let observed = metrics.filter { $0.name == claim.metric.name && $0.point == nil }.map(\.value)
            if !observed.isEmpty {
                let s = Statistics.summary(observed)
                result.reproduced = s.mean
                result.intervalLow = s.low
                result.intervalHigh = s.high
                result.n = observed.count
            }
            let mismatched = claim.conditions.keys.sorted().filter { values[$0] != claim.conditions[$0] }
            if !mismatched.isEmpty {
                result.reason = "the claim was made for " + mismatched.map { "\($0)=\(claim.conditions[$0]?.description ?? "")" }
                    .joined(separator: ", ") + "; this run used " + mismatched.map { "\($0)=\(values[$0]?.description ?? "?")" }
                    .joined(separator: ", ")
                return result
            }
            guard let low = result.intervalLow, let high = result.intervalHigh else {
                result.reason = "the run recorded no metric '\(claim.metric.name)'"
                return result
            }
            let range = "[\(format(claim.accepted.lowerBound)), \(format(claim.accepted.upperBound))]"
            let cells = Set(metrics.filter { $0.name == claim.metric.name && $0.point == nil }.map(\.cell)).sorted()
            result.cell = cells.first
            let origin = "\(experiment.id) · \(claim.metric.name), recorded by cell \(cells.map { "'\($0)'" }.joined(separator: ", "))"
            let computed = observed.count > 1
                ? "mean \(format(result.reproduced ?? .nan)) over \(observed.count) seeds, 95 % interval [\(format(low)), \(format(high))] (\(origin))"
                : "computed \(format(low)) (\(origin))"
            if let bad = observed.first(where: { !$0.isFinite }) {
                result.verdict = .notReproduced
                result.reason = "the computed value is \(bad) (not a finite number), so it cannot lie in \(range)"
                return result
            }
            result.verdict = Self.verdict(low: low, high: high, accepted: claim.accepted)
            switch result.verdict {
            case .reproduced: result.reason = "\(computed), within the accepted range \(range)"
            case .notReproduced: result.reason = "\(computed), outside the accepted range \(range)"
            default:
                result.reason = "\(computed) straddles a bound of the accepted range \(range); "
                    + (observed.count > 1 ? "the margin lies inside the seed-to-seed interval" : "more seeds may decide")
            }
            judgeAlternatives(claim, metrics, &result)
            judgeChoices(claim, low: low, high: high, &result)
            if case .modelled? = claim.provenance, claim.alternatives.isEmpty, result.verdict == .reproduced {
                result.verdict = .inconclusive
                result.reason += "; modelled on assumed constants with no sensitivity check (no alternative recorded), "
                    + "so the value cannot earn a reproduced verdict"
            }
            if case let .definitional(why)? = claim.provenance, result.verdict == .reproduced {
                result.verdict = .definitional
                result.reason += "; true by construction (\(why)), so it tests nothing the source states and is not counted as reproduced"
            }
            return result
        }
    }

    /// Reproduced when [low, high] lies in `accepted`, not reproduced when wholly outside, else inconclusive.
    static func verdict(low: Double, high: Double, accepted: ClosedRange<Double>) -> ClaimResult.Verdict {
        if accepted.contains(low) && accepted.contains(high) { return .reproduced }
        if high < accepted.lowerBound || low > accepted.upperBound { return .notReproduced }
        return .inconclusive
    }

    /// The claim on each alternative metric; a decisive verdict that differs from the main one
    /// makes the claim inconclusive, with both figures in the reason.
    private func judgeAlternatives(_ claim: Claim, _ metrics: [MetricRecord], _ result: inout ClaimResult) {
        guard !claim.alternatives.isEmpty else { return }
        var outcomes: [AlternativeResult] = []
        for alternative in claim.alternatives {
            let values = metrics.filter { $0.name == alternative.metric.name && $0.point == nil }.map(\.value)
            guard !values.isEmpty else { continue }
            let s = Statistics.summary(values)
            let verdict = values.allSatisfy(\.isFinite) ? Self.verdict(low: s.low, high: s.high, accepted: claim.accepted) : .notReproduced
            outcomes.append(AlternativeResult(label: alternative.label, metric: alternative.metric.name, value: s.mean, verdict: verdict))
        }
        result.alternatives = outcomes
        let text = outcomes.map { "\($0.label): \(format($0.value)) (\($0.verdict.rawValue))" }.joined(separator: "; ")
        if outcomes.contains(where: { $0.verdict != result.verdict }) {
            let main = result.verdict
            result.verdict = .inconclusive
            result.reason += "; under other assumptions — \(text) — the verdict differs from this one (\(main.rawValue)), "
                + "so it rests on the assumption, not on evidence"
        } else {
            result.reason += "; the same verdict under other assumptions — \(text)"
        }
    }

    /// Lepton's choices: each is listed; for a chosen bound the break-even is the computed
    /// value, and a verdict that flips inside the bound's plausible range is inconclusive.
    private func judgeChoices(_ claim: Claim, low: Double, high: Double, _ result: inout ClaimResult) {
        guard !claim.choices.isEmpty else { return }
        var lines: [String] = []
        var flips = false
        for choice in claim.choices {
            guard let bound = choice.bound, let plausible = choice.plausible else {
                lines.append("Lepton's choice: \(choice.what)")
                continue
            }
            let breakEven = bound == .lower ? low : high
            let inside = plausible.contains(breakEven) || (low <= plausible.upperBound && high >= plausible.lowerBound)
            flips = flips || inside
            lines.append("Lepton's choice: \(choice.what) (the \(bound.rawValue) bound; plausible \(format(plausible.lowerBound))–"
                         + "\(format(plausible.upperBound))); break-even \(format(breakEven)): "
                         + (inside ? "the verdict flips inside the plausible range" : "the verdict holds over the plausible range"))
        }
        result.choices = lines
        if flips, result.verdict == .reproduced || result.verdict == .notReproduced {
            let main = result.verdict
            result.verdict = .inconclusive
            result.reason += "; \(main.rawValue) only for some reasonable choices of Lepton's threshold (break-even shown)"
        }
    }
}
