import Dispatch
import Foundation
import LeptonTensor

/// Turns a run's unit outputs into its ``RunRecord``: parameters with their origin,
/// metrics and their replicate summaries, claim verdicts, environment.
struct RunRecordBuilder {
    let experiment: Experiment
    let options: RunOptions
    let values: [String: ParameterValue]
    let replicates: Int
    let outputs: [UnitOutput]
    var warnings: [String] = []
    var buildDigest: String? = nil

    func build() -> RunRecord {
        let profile = options.profile.flatMap { name in experiment.profiles.first { $0.name == name } }
        let overridden = Set(options.overrides.compactMap { $0.split(separator: "=").first.map { String($0).trimmingCharacters(in: .whitespaces) } })
        let parameters = experiment.parameters.map { spec -> ParameterRecord in
            let swept = experiment.sweptValues(spec.name)
            if !swept.isEmpty {
                return ParameterRecord(name: spec.name, value: "swept: " + swept.joined(separator: ", "), type: spec.defaultValue.typeName,
                                       unit: spec.unit, origin: "sweep")
            }
            let origin = overridden.contains(spec.name) ? "set" : (profile?.values[spec.name] != nil ? "profile" : "default")
            return ParameterRecord(name: spec.name, value: values[spec.name]?.description ?? "", type: spec.defaultValue.typeName,
                                   unit: spec.unit, origin: origin)
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

    /// A claim is reproduced when the value (one replicate) or the whole 95 % interval
    /// (several) lies in the accepted range, not reproduced when it lies wholly outside,
    /// and inconclusive when the interval straddles a bound, when the run's parameters
    /// differ from those the claim was made under, or when the metric was not recorded.
    func judgeClaims(_ metrics: [MetricRecord]) -> [ClaimResult] {
        experiment.claims.map { claim in
            var result = ClaimResult(metric: claim.metric.name, statement: claim.statement, claimed: claim.expected,
                                     acceptedLow: claim.accepted.lowerBound, acceptedHigh: claim.accepted.upperBound,
                                     reproduced: nil, intervalLow: nil, intervalHigh: nil, n: 0, verdict: .inconclusive,
                                     reason: "", source: claim.source, kind: claim.kind)
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
            let origin = "\(experiment.id) · \(claim.metric.name), recorded by cell \(cells.map { "'\($0)'" }.joined(separator: ", "))"
            let computed = observed.count > 1
                ? "mean \(format(result.reproduced ?? .nan)) over \(observed.count) seeds, 95 % interval [\(format(low)), \(format(high))] (\(origin))"
                : "computed \(format(low)) (\(origin))"
            if let bad = observed.first(where: { !$0.isFinite }) {
                result.verdict = .notReproduced
                result.reason = "the computed value is \(bad) (not a finite number), so it cannot lie in \(range)"
            } else if claim.accepted.contains(low) && claim.accepted.contains(high) {
                result.verdict = .reproduced
                result.reason = "\(computed), within the accepted range \(range)"
            } else if high < claim.accepted.lowerBound || low > claim.accepted.upperBound {
                result.verdict = .notReproduced
                result.reason = "\(computed), outside the accepted range \(range)"
            } else {
                result.reason = "\(computed) straddles a bound of the accepted range \(range); more seeds may decide"
            }
            return result
        }
    }
}
