import Foundation
import LeptonReport

/// Lays a run out as a report: prose and cells in the order the experiment declares
/// them, each cell's notes, tables and charts (replicate 0), replicate summaries, the
/// claims table, cell timings with cache status, and the environment.
struct ReportBuilder {
    let result: RunResult
    var history: [RunStore.HistoryEntry] = []

    func build() -> Report {
        let r = result.record
        var report = Report(title: r.title, subtitle: "\(r.experiment) · profile \(r.profile ?? "default") · seed \(r.seed)"
            + (r.replicates > 1 ? " (\(r.replicates) seeds)" : "") + " · run \(r.runID)")
        if !r.summaryText.isEmpty { report.append(.markdown(r.summaryText)) }
        let cards = r.summary.filter { $0.point == nil }.prefix(6).map { s in
            MetricCard(s.name, value: s.mean, unit: s.unit, polarity: polarity(s.polarity))
        }
        if !cards.isEmpty { report.append(.metrics(Array(cards))) }
        report.append(.table(ReportTable(caption: "Parameters", columns: ["Parameter", "Value", "Unit", "From"],
                                         rows: r.parameters.map { [TableCell($0.name), TableCell($0.value), TableCell($0.unit ?? ""), TableCell($0.origin)] },
                                         sortable: false)))
        for item in result.experiment.items {
            switch item {
            case let .markdown(text):
                report.append(.markdown(text))
            case let .cell(cell):
                report.append(.section(section(for: cell.name, point: nil, title: "Cell: \(cell.name)")))
            case let .sweep(sweep):
                report.append(.section(sweepSection(sweep)))
            default:
                continue
            }
        }
        if r.replicates > 1 {
            let rows = r.summary.filter { $0.point == nil }.map { s -> [TableCell] in
                [TableCell(s.name), .number(s.mean, decimals: 4, unit: s.unit), .number(s.std, decimals: 4),
                 TableCell("[\(format(s.ci95Low)), \(format(s.ci95High))]"), TableCell(String(s.n))]
            }
            report.append(.table(ReportTable(caption: "Metrics over \(r.replicates) seeds", columns: ["Metric", "Mean", "Std", "95 % interval", "n"], rows: rows)))
        }
        if !r.claims.isEmpty {
            report.append(.section(ReportSection("Claims", blocks: [.claims(r.claims.map { c in
                LeptonReport.Claim(c.statement, claimed: format(c.claimed) + " (accepted \(format(c.acceptedLow))–\(format(c.acceptedHigh)))",
                                   reproduced: reproducedText(c), verdict: verdict(c.verdict), source: c.source)
            })])))
        }
        if let section = historySection() { report.append(.section(section)) }
        let cellRows = r.cells.map { c -> [TableCell] in
            [TableCell(c.cell), TableCell(c.point.map(String.init) ?? "–"), TableCell(String(c.replicate)),
             TableCell(c.status == .cached ? "cached" : "ran"), .number(c.seconds, decimals: 3, unit: "s")]
        }
        report.append(.section(ReportSection("Cells", blocks: [
            .markdown("Each cell ran, or was taken from the cache because its code and every input it read were unchanged (its time is then the original run's)."),
            .table(ReportTable(caption: "Cells", columns: ["Cell", "Point", "Replicate", "Status", "Wall time"], rows: cellRows)),
        ])))
        let e = r.environment
        var entries: [EnvironmentBlock.Entry] = [
            .init("Lepton", e.leptonVersion), .init("Git commit", (e.gitCommit ?? "not a git checkout") + (e.gitDirty == true ? " (uncommitted changes)" : "")),
            .init("Swift", e.swiftVersion), .init("OS", e.os), .init("CPU", "\(e.cpuModel), \(e.cores) cores"),
            .init("BLAS", e.blas), .init("Threads", String(e.threads)), .init("Host", e.hostname),
            .init("Seed", String(r.seed)), .init("Created", r.created),
        ]
        for (k, v) in e.dataChecksums.sorted(by: { $0.key < $1.key }) { entries.append(.init("Data \(k)", v)) }
        report.append(.section(ReportSection("Environment", blocks: [.environment(EnvironmentBlock(entries))])))
        return report
    }

    /// Trend charts of the metrics the experiment guards (thresholds and claims, else every
    /// metric with a polarity) over this profile's runs, with level changes marked.
    private func historySection() -> ReportSection? {
        guard history.count >= 3 else { return nil }
        let r = result.record
        var names = r.thresholds.map(\.metric) + r.claims.map(\.metric)
        if names.isEmpty { names = r.summary.filter { $0.point == nil && $0.polarity != .neutral }.map(\.name) }
        var blocks: [ReportBlock] = [.markdown("The last \(min(history.count, 30)) runs with this profile, oldest first; a vertical line marks a level change.")]
        for name in orderedUnique(names) {
            let entries = history.suffix(30).filter { $0.metrics[name] != nil }
            guard entries.count >= 3 else { continue }
            let values = entries.compactMap { $0.metrics[name] }
            let unit = r.summary.first { $0.name == name }?.unit
            let (chart, step) = Trend.chart(metric: name, unit: unit, runs: entries.map(\.runID), values: values)
            let caption = step.map { "Level change before run \($0 + 1) (\(entries[$0].runID), commit \(entries[$0].gitCommit?.prefix(8) ?? "?"))" }
                ?? "No level change detected"
            blocks.append(.figure(ReportFigure(chart, caption: caption)))
        }
        return blocks.count > 1 ? ReportSection("History", blocks: blocks) : nil
    }

    private func section(for cell: String, point: Int?, title: String) -> ReportSection {
        var blocks: [ReportBlock] = []
        let units = result.outputs.filter { $0.cell == cell && $0.point == point && $0.replicate == 0 }
        for u in units {
            let status = u.run.status == .cached ? "cached" : "ran"
            blocks.append(.markdown("_\(status), \(format(u.run.seconds)) s_"))
            for n in u.output.notes { blocks.append(.markdown(n)) }
            let metrics = u.output.metrics
            if !metrics.isEmpty {
                blocks.append(.table(ReportTable(caption: "Metrics", columns: ["Metric", "Value", "Unit"],
                                                 rows: metrics.map { [TableCell($0.name), .number($0.value, decimals: 4), TableCell($0.unit ?? "")] },
                                                 sortable: false)))
            }
            for t in u.output.tables {
                blocks.append(.table(ReportTable(caption: t.title, columns: t.columns, rows: t.rows.map { $0.map { TableCell($0) } })))
            }
            for c in u.output.charts {
                if let png = u.output.images[c.file] {
                    blocks.append(.image(ReportImage(png: [UInt8](png), width: c.width, height: c.height, caption: c.caption, alt: c.alt)))
                }
            }
        }
        return ReportSection(title, blocks: blocks)
    }

    private func sweepSection(_ sweep: Sweep) -> ReportSection {
        let r = result.record
        let keys = Array(Set(sweep.points.flatMap(\.keys))).sorted()
        let metricNames = orderedUnique(r.summary.filter { $0.point != nil }.map(\.name))
        let rows = sweep.points.indices.map { p -> [TableCell] in
            var row = [TableCell(String(p))] + keys.map { TableCell(sweep.points[p][$0]?.description ?? "") }
            for name in metricNames {
                if let s = r.summary.first(where: { $0.point == p && $0.name == name }) {
                    row.append(.number(s.mean, decimals: 4, unit: s.unit))
                } else {
                    row.append(TableCell(""))
                }
            }
            return row
        }
        var blocks: [ReportBlock] = [.table(ReportTable(caption: "Sweep '\(sweep.name)': \(sweep.points.count) points",
                                                        columns: ["Point"] + keys + metricNames, rows: rows))]
        for p in sweep.points.indices {
            for cell in sweep.cells {
                let s = section(for: cell.name, point: p, title: "Point \(p), cell \(cell.name)")
                if s.blocks.contains(where: { if case .image = $0 { return true } else { return false } }) { blocks.append(.section(s)) }
            }
        }
        return ReportSection("Sweep: \(sweep.name)", blocks: blocks)
    }

    private func orderedUnique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    private func reproducedText(_ c: ClaimResult) -> String {
        guard let v = c.reproduced else { return "—" }
        if c.n > 1, let lo = c.intervalLow, let hi = c.intervalHigh { return "\(format(v)) (95 % CI \(format(lo))–\(format(hi)), n = \(c.n))" }
        return format(v)
    }

    private func verdict(_ v: ClaimResult.Verdict) -> LeptonReport.Claim.Verdict {
        switch v {
        case .reproduced: return .reproduced
        case .notReproduced: return .notReproduced
        case .inconclusive: return .inconclusive
        }
    }

    private func polarity(_ p: Polarity) -> LeptonReport.Polarity {
        switch p {
        case .higherIsBetter: return .higherIsBetter
        case .lowerIsBetter: return .lowerIsBetter
        case .neutral: return .neutral
        }
    }
}

func format(_ v: Double) -> String {
    if v.isNaN { return "–" }
    if v == v.rounded() && abs(v) < 1e9 { return String(Int(v)) }
    if abs(v) >= 0.001 && abs(v) < 1e6 { return String(format: "%.4g", v) }
    return String(format: "%.3e", v)
}
