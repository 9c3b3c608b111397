import LeptonCharts

/// A metric over an experiment's recorded runs, read the way a class needs it: each point
/// labelled by its date and run id, runs with other settings marked, a level change found
/// by ``Trend/step(in:minimumShift:)``, and the latest run checked against the band of the
/// earlier ones (their mean ± 3 standard deviations), so a drop at the last run — which no
/// level-change test can see — is reported as "latest run outside the band".
public struct TrendAnalysis {
    /// The runs charted, oldest first.
    public let entries: [RunStore.HistoryEntry]
    /// The metric.
    public let metric: String
    /// The settings of the reference (latest) run; entries with other settings are marked.
    public let reference: String

    /// The metric's value in each run, oldest first.
    public var values: [Double] { entries.compactMap { $0.metrics[metric] } }

    /// An analysis of `metric` over `entries` (each must have recorded it).
    public init(entries: [RunStore.HistoryEntry], metric: String, reference: String) {
        self.entries = entries.filter { $0.metrics[metric] != nil }
        self.metric = metric
        self.reference = reference
    }

    /// The earlier runs' band, mean ± max(3 sd, a rounding margin), and whether the latest
    /// run lies outside it; nil with fewer than two runs.
    public var latestAgainstBand: (low: Double, high: Double, outside: Bool)? {
        let v = values
        guard v.count >= 2, let last = v.last else { return nil }
        let earlier = Array(v.dropLast())
        let mean = earlier.reduce(0, +) / Double(earlier.count)
        let sd = earlier.count > 1 ? (earlier.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(earlier.count - 1)).squareRoot() : 0
        let margin = max(3 * sd, 1e-9 * max(1, abs(mean)))
        return (mean - margin, mean + margin, last < mean - margin || last > mean + margin || !last.isFinite)
    }

    /// The index of the first run after a level change, if any.
    public var step: Int? { Trend.step(in: values) }

    /// "2026-12-05 22:10" from an ISO 8601 time.
    public static func shortDate(_ iso: String) -> String {
        let s = iso.replacingOccurrences(of: "T", with: " ")
        return String(s.prefix(16))
    }

    /// What differs between an entry's settings and `latest`'s, for the list of runs left out.
    public static func settingsDifference(_ e: RunStore.HistoryEntry, from latest: RunStore.HistoryEntry) -> String {
        var parts: [String] = []
        if e.profile != latest.profile { parts.append("profile \(e.profile ?? "default")") }
        if e.seed != latest.seed { parts.append("seed \(e.seed)") }
        if (e.replicates ?? 1) != (latest.replicates ?? 1) { parts.append("\(e.replicates ?? 1) seeds") }
        let mine = e.parameters ?? [:], theirs = latest.parameters ?? [:]
        for k in Set(mine.keys).union(theirs.keys).sorted() where mine[k] != theirs[k] { parts.append("\(k)=\(mine[k] ?? "?")") }
        return parts.isEmpty ? "settings not recorded" : parts.joined(separator: ", ")
    }

    /// The terminal text: one line per run, then the verdict on the latest run and on level changes.
    public var text: String {
        let v = values
        var lines = ["\(metric) over \(v.count) runs, oldest first (\(reference)):"]
        for (i, e) in entries.enumerated() {
            let marks = (e.settings != reference ? " (other settings)" : "")
            lines.append("  \(i + 1). \(TrendAnalysis.shortDate(e.created))  \(e.runID)  \(format(v[i]))\(marks)")
        }
        if let band = latestAgainstBand, let last = v.last {
            let earlier = v.count - 1
            if band.outside {
                lines.append("latest run outside the band: \(format(last)) against \(format(band.low))–\(format(band.high)) "
                    + "(mean ± 3 sd of the \(earlier) earlier run\(earlier == 1 ? "" : "s"))")
            } else {
                lines.append("latest run inside the band \(format(band.low))–\(format(band.high)) of the \(earlier) earlier run\(earlier == 1 ? "" : "s")")
            }
        }
        if let k = step {
            lines.append("level change before run \(k + 1) (\(entries[k].runID), \(TrendAnalysis.shortDate(entries[k].created)))")
        } else if v.count >= 4 && latestAgainstBand?.outside != true {
            lines.append("no level change")
        }
        return lines.joined(separator: "\n")
    }

    /// Points labelled by date, grouped as "these settings", "other settings" and "latest run
    /// outside the band".
    public func chart(unit: String? = nil) -> Chart {
        let v = values
        let outside = latestAgainstBand?.outside == true
        // "12-05 22:24", with seconds when two runs share a minute.
        var labels = entries.map { String(TrendAnalysis.shortDate($0.created).dropFirst(5)) }
        if Set(labels).count < labels.count {
            labels = entries.map { String($0.created.replacingOccurrences(of: "T", with: " ").prefix(19).dropFirst(5)) }
        }
        let points = entries.indices.map { i -> ScatterPoint in
            let e = entries[i]
            let group = i == entries.count - 1 && outside ? "latest run outside the band"
                : (e.settings == reference ? "these settings" : "other settings")
            return ScatterPoint(x: Double(i + 1), y: v[i], label: labels[i], group: group)
        }
        var caption = "Runs oldest first, labelled by date (UTC); \(reference)."
        if let k = step { caption += " Level change before run \(k + 1)." }
        return .scatter(ScatterChart(title: "\(metric) across runs", caption: caption, points: points,
                                     xAxis: Axis("Run (oldest first)", integerTicks: true), yAxis: Axis(metric, unit: unit)))
    }
}
