import Foundation
import LeptonCore
import LeptonReport

/// Lays a run out as a report: the findings first (the experiment's question, claim
/// verdict counts, key metrics, the first chart), then prose and cells in the order the
/// experiment declares them, each cell's notes, tables and charts (replicate 0),
/// replicate summaries, the claims table, cell timings with cache status, and the
/// environment. Headings are in the run's language (`lepton run --lang zh`); the
/// experiment's own text is not translated.
///
/// The report is a view of the run: it reads only the ``RunRecord`` (results.json) and
/// the chart images it names, so `lepton report RUN` rebuilds it from the run folder.
public struct ReportBuilder {
    /// The run.
    let record: RunRecord
    /// The PNG bytes of a chart file named in the record.
    let image: (String) -> Data?

    /// The language of headings, table captions and verdict words: the record's.
    let language: ReportLanguage
    private var strings: ReportStrings { language.strings }

    /// A builder for `record`, reading chart images through `image`.
    public init(record: RunRecord, image: @escaping (String) -> Data?) {
        self.record = record
        self.image = image
        self.language = record.language.flatMap(ReportLanguage.init(code:)) ?? .en
    }

    /// A builder reading the chart images of a run folder (`<folder>/charts/<file>`).
    public init(record: RunRecord, folder: URL) {
        self.init(record: record) { FileManager.default.contents(atPath: folder.appendingPathComponent("charts").appendingPathComponent($0).path) }
    }

    private var history: [RunStore.HistoryEntry] { record.history ?? [] }

    /// The report: the run's title and headline metrics, parameters, warnings, the
    /// experiment's prose and cells in order, replicate statistics, claims, history, cell
    /// timings and the environment.
    public func build() -> Report {
        let r = record
        var report = Report(title: r.title, subtitle: "\(r.experiment) · profile \(r.profile ?? "default") · seed \(r.seed)"
            + (r.replicates > 1 ? " (\(r.replicates) seeds)" : "") + " · run \(r.runID)", language: language)
        for block in headerBlocks() + layoutBlocks() { report.append(block) }
        if let section = claimsSection() { report.append(.section(section)) }
        if let section = historySection() { report.append(.section(section)) }
        report.append(.section(cellsSection()))
        report.append(.section(environmentSection()))
        // The answer first: the question, verdict counts, key metrics and the first chart.
        let firstChart = report.removeFirstImage()
        report.blocks.insert(.findings(Findings(question: r.summaryText.isEmpty ? nil : r.summaryText, claims: claimRows,
                                                metrics: metricCards, image: firstChart)), at: 0)
        return report
    }

    /// The headline metrics: the first six top-level metrics, with their 95 % interval over
    /// seeds and the change against the previous run of the same source and profile.
    private var metricCards: [MetricCard] {
        let before = previous
        return record.summary.filter { $0.point == nil }.prefix(6).map { s in
            var card = MetricCard(s.name, value: s.mean, unit: s.unit, baseline: before?.metrics[s.name], polarity: s.polarity)
            card.baselineLabel = "vs the previous run"
            if s.n > 1 { card.interval = s.ci95Low...s.ci95High }
            return card
        }
    }

    /// The previous run of this profile made from the same source (lab file or module).
    private var previous: RunStore.HistoryEntry? {
        let past = history.filter { $0.runID != record.runID }
        guard let key = record.source?.key else { return past.last }
        return past.last { $0.source?.key == key }
    }

    /// A link to the previous run's report, what differs in its settings, and the metrics
    /// that changed since.
    private func previousRunBlock() -> ReportBlock? {
        guard let before = previous else { return nil }
        let now = RunStore.HistoryEntry(record, folder: record.runID)
        var text = "**Compared with the previous run** ([\(before.runID)](../\(before.folder)/report.html), "
            + "\(TrendAnalysis.shortDate(before.created)) UTC)"
        let settings = TrendAnalysis.settingsDifference(before, from: now)
        text += before.settings == now.settings ? ": same settings." : ": it used \(settings)."
        let changed = now.metrics.keys.sorted().compactMap { name -> String? in
            guard let old = before.metrics[name], let new = now.metrics[name], old != new else { return nil }
            let delta = new - old
            return "\(name) \(format(old)) → \(format(new)) (\(delta > 0 ? "+" : "−")\(format(abs(delta))))"
        }
        let same = now.metrics.keys.filter { before.metrics[$0] != nil && before.metrics[$0] == now.metrics[$0] }.count
        if !changed.isEmpty { text += " Changed: " + changed.joined(separator: "; ") + "." }
        if same > 0 { text += " \(same) metric\(same == 1 ? "" : "s") unchanged." }
        return .markdown(text)
    }

    /// Claims with their sources, then checks (the project's own targets), each with its
    /// verdict and the reason that shows the computed value.
    private var claimRows: [ClaimRow] {
        record.claims.map { c in
            let notes = [c.reason] + [c.provenanceDetail].compactMap { $0 } + (c.choices ?? [])
            return ClaimRow(c.statement, claimed: c.claimedDisplay + " (accepted \(format(c.acceptedLow))–\(format(c.acceptedHigh))"
                                          + "\(c.unit.map { " \($0)" } ?? ""))",
                                      reproduced: reproducedText(c) + " — " + notes.filter { !$0.isEmpty }.joined(separator: ". "),
                                      verdict: c.verdict, source: c.kind == .check ? "check: \(c.source)" : c.source,
                                      provenance: c.provenanceLabel)
        }
    }

    /// The parameters and any warnings (the summary and metrics are in the findings).
    private func headerBlocks() -> [ReportBlock] {
        let r = record
        var blocks: [ReportBlock] = []
        blocks.append(.table(ReportTable(caption: strings.parameters, columns: strings.parameterColumns,
                                         rows: r.parameters.map { [TableCell($0.name), TableCell($0.value), TableCell($0.unit ?? ""), TableCell($0.origin.rawValue)] },
                                         sortable: false)))
        if let block = previousRunBlock() { blocks.append(block) }
        if let warnings = r.warnings, !warnings.isEmpty {
            blocks.append(.section(ReportSection(strings.warnings, blocks: [.markdown(warnings.map { "- " + $0 }.joined(separator: "\n"))])))
        }
        return blocks
    }

    /// The experiment's prose, cells and sweep in the order it declares them.
    private func layoutBlocks() -> [ReportBlock] {
        (record.layout ?? []).map { item in
            switch item {
            case let .markdown(text): return .markdown(text)
            case let .cell(cell): return .section(section(for: cell, point: nil, title: "\(strings.cell): \(cell)"))
            case let .sweep(name, cells): return .section(sweepSection(name: name, cells: cells))
            }
        }
    }

    /// The claims table.
    private func claimsSection() -> ReportSection? {
        record.claims.isEmpty ? nil : ReportSection(strings.claims, blocks: [.claims(claimRows)])
    }

    /// Every unit with its status (ran or cached) and wall time.
    private func cellsSection() -> ReportSection {
        let rows = record.cells.map { c -> [TableCell] in
            [TableCell(c.cell), TableCell(c.point.map(String.init) ?? "–"), TableCell(String(c.replicate)),
             TableCell(c.status == .cached ? strings.cached : strings.ran), .number(c.seconds, decimals: 3, unit: "s")]
        }
        return ReportSection(strings.cells, blocks: [
            .markdown(strings.cellsExplanation),
            .table(ReportTable(caption: strings.cells, columns: strings.cellColumns, rows: rows)),
        ])
    }

    /// Where the run happened: code, toolchain, machine, seed, data checksums.
    private func environmentSection() -> ReportSection {
        let r = record, e = record.environment
        var entries: [EnvironmentBlock.Entry] = [
            .init("Lepton", e.leptonVersion + (r.build.map { " (build \($0.prefix(12)))" } ?? "")),
            .init("Git commit", (e.gitCommit ?? "not a git checkout") + (e.gitDirty == true ? " (uncommitted changes)" : "")),
            .init("Swift", e.swiftVersion), .init("OS", e.os), .init("CPU", "\(e.cpuModel), \(e.cores) cores"),
            .init("BLAS", e.blas), .init("Threads", String(e.threads)), .init("Host", e.hostname),
            .init("Seed", String(r.seed)), .init("Created", r.created),
        ]
        if let source = r.source { entries.insert(.init("Source", source.label + (source.path.map { ", \($0)" } ?? "")), at: 0) }
        for (k, v) in e.dataChecksums.sorted(by: { $0.key < $1.key }) { entries.append(.init("Data \(k)", v)) }
        return ReportSection(strings.environment, blocks: [.environment(EnvironmentBlock(entries))])
    }

    /// Trend charts of the metrics the experiment guards (thresholds and claims, else every
    /// metric with a polarity) over this profile's runs with this run's settings and source,
    /// the latest checked against the band of the earlier ones.
    private func historySection() -> ReportSection? {
        let now = RunStore.HistoryEntry(record, folder: record.runID)
        let runs = history.suffix(30).filter { $0.settings == now.settings && $0.source?.key == now.source?.key }
        guard runs.count >= 3 else { return nil }
        let r = record
        var names = r.thresholds.map(\.metric) + r.claims.map(\.metric)
        if names.isEmpty { names = r.summary.filter { $0.point == nil && $0.polarity != .neutral }.map(\.name) }
        var blocks: [ReportBlock] = [.markdown("The last \(runs.count) runs with this run's profile, parameters, seeds and source, oldest first, "
            + "labelled by date; the latest is checked against the band of the earlier ones (mean ± 3 sd).")]
        for name in orderedUnique(names) {
            let analysis = TrendAnalysis(entries: Array(runs), metric: name, reference: now.settings)
            guard analysis.entries.count >= 3 else { continue }
            let unit = r.summary.first { $0.name == name }?.unit
            var parts: [String] = []
            if let k = analysis.step {
                parts.append("Level change before run \(k + 1) (\(analysis.entries[k].runID), commit \(analysis.entries[k].gitCommit?.prefix(8) ?? "?"))")
            }
            let outside = analysis.latestAgainstBand?.outside == true
            parts.append((parts.isEmpty ? "Latest" : "latest") + " run \(outside ? "outside" : "inside") the band of the earlier runs")
            let caption = parts.joined(separator: "; ")
            blocks.append(.figure(ReportFigure(analysis.chart(unit: unit), caption: caption)))
        }
        return blocks.count > 1 ? ReportSection(strings.history, blocks: blocks) : nil
    }

    private func section(for cell: String, point: Int?, title: String) -> ReportSection {
        var blocks: [ReportBlock] = []
        func here(_ c: String, _ p: Int?, _ rep: Int) -> Bool { c == cell && p == point && rep == 0 }
        for run in record.cells where here(run.cell, run.point, run.replicate) {
            blocks.append(.markdown("_\(run.status == .cached ? strings.cached : strings.ran), \(format(run.seconds)) s_"))
        }
        for n in record.notes where here(n.cell, n.point, n.replicate) { blocks.append(.markdown(n.text)) }
        let metrics = record.metrics.filter { here($0.cell, $0.point, $0.replicate) }
        let seeds = record.replicates
        if !metrics.isEmpty && seeds > 1 {
            // One table per cell: each metric's mean over the seeds with its interval.
            let rows = orderedUnique(metrics.map(\.name)).compactMap { name -> [TableCell]? in
                guard let s = record.summary.first(where: { $0.name == name && $0.point == point }) else { return nil }
                return [TableCell(s.name), .number(s.mean, decimals: 4, unit: s.unit), .number(s.std, decimals: 4),
                        TableCell("[\(format(s.ci95Low)), \(format(s.ci95High))]"), TableCell(String(s.n))]
            }
            blocks.append(.table(ReportTable(caption: "\(strings.metrics): mean over \(seeds) seeds", columns: strings.replicateColumns,
                                             rows: rows, sortable: false)))
        } else if !metrics.isEmpty {
            blocks.append(.table(ReportTable(caption: strings.metrics, columns: strings.metricColumns,
                                             rows: metrics.map { [TableCell($0.name), TableCell(format($0.value)), TableCell($0.unit ?? "")] },
                                             sortable: false)))
        }
        // Tables and charts are drawn by each replicate's own cell run: the report shows the
        // first seed's and says so.
        let firstOf = seeds > 1 ? " (seed 1 of \(seeds): drawn by the first seed's run; the means are in the metrics table)" : ""
        for t in record.tables where here(t.cell, t.point, t.replicate) {
            blocks.append(.table(ReportTable(caption: t.title + firstOf, columns: t.columns, rows: t.rows.map { $0.map { TableCell($0) } })))
        }
        for c in record.charts where here(c.cell, c.point, c.replicate) {
            if let png = image(c.file) {
                blocks.append(.image(ReportImage(png: [UInt8](png), width: c.width, height: c.height, caption: c.caption + firstOf, alt: c.alt)))
            } else {
                blocks.append(.markdown("_Chart \(c.file) (\(c.caption)) is missing from the run folder._"))
            }
        }
        return ReportSection(title, blocks: blocks)
    }

    private func sweepSection(name: String, cells: [String]) -> ReportSection {
        let r = record
        let points = r.sweepPoints
        let keys = Array(Set(points.flatMap(\.keys))).sorted()
        let metricNames = orderedUnique(r.summary.filter { $0.point != nil }.map(\.name))
        let rows = points.indices.map { p -> [TableCell] in
            var row = [TableCell(String(p))] + keys.map { TableCell(points[p][$0] ?? "") }
            for name in metricNames {
                if let s = r.summary.first(where: { $0.point == p && $0.name == name }) {
                    if s.n > 1 && s.mean.isFinite {
                        row.append(TableCell("\(format(s.mean)) [\(format(s.ci95Low)), \(format(s.ci95High))]"))
                    } else {
                        row.append(s.mean.isFinite ? .number(s.mean, decimals: 4, unit: s.unit) : TableCell(format(s.mean)))
                    }
                } else {
                    row.append(TableCell(""))
                }
            }
            return row
        }
        let seeds = r.replicates > 1 ? ", means over \(r.replicates) seeds [95 % interval]" : ""
        var blocks: [ReportBlock] = [.table(ReportTable(caption: "Sweep '\(name)': \(points.count) points\(seeds)",
                                                        columns: ["Point"] + keys + metricNames, rows: rows))]
        for p in points.indices {
            for cell in cells {
                let s = section(for: cell, point: p, title: "\(strings.point) \(p), \(strings.cell) \(cell)")
                if s.blocks.contains(where: { if case .image = $0 { return true } else { return false } }) { blocks.append(.section(s)) }
            }
        }
        return ReportSection("\(strings.sweep): \(name)", blocks: blocks)
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


}

/// A number for reports and messages (``NumberFormat/general(_:)``).
func format(_ v: Double) -> String { NumberFormat.general(v) }
