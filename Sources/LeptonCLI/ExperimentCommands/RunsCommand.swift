import ArgumentParser
import Foundation
import LeptonLab

/// `lepton runs [NAME|lab.swift]`: the recorded runs, newest last, one line each.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List recorded runs: id, date, profile, --set values, seed, headline metrics, claim verdicts.",
        discussion: """
            Without a name: every experiment under the reports folder. Given a lab file: only the runs made \\
            from that file (another lab file may declare the same experiment name).
            """)

    @Argument(help: "An experiment or a lab file (default: every experiment with runs).") var experiment: String?
    @Option(help: "Reports folder.") var reports: String?
    @Option(help: "Show at most this many runs per experiment (the newest).") var last = 20
    @Option(help: .hidden) var source: String?

    func validate() throws {
        guard last >= 1 else { throw ValidationError("--last must be at least 1, got \(last)") }
    }

    func run() throws {
        let store = RunSelection.store(reports)
        let names: [String]
        if let experiment {
            names = [try RunSelection.resolve(experiment)]
        } else {
            let folders = (try? FileManager.default.contentsOfDirectory(atPath: store.root.path)) ?? []
            names = folders.filter { !$0.hasPrefix(".") && $0 != "baselines" && !store.history(experiment: $0).isEmpty }.sorted()
        }
        guard !names.isEmpty else {
            throw CLIError("no runs recorded under \(store.root.path) yet; `lepton run lab3.swift` records one")
        }
        var printed = 0
        for name in names {
            let entries = RunSelection.history(store, experiment: name, source: source)
            guard !entries.isEmpty else {
                if experiment != nil {
                    throw CLIError("no runs of \(name)\(source.map { " from \(URL(fileURLWithPath: $0).lastPathComponent)" } ?? "") under \(store.root.path)")
                }
                continue
            }
            if printed > 0 { print("") }
            printed += 1
            print(RunsTable.text(experiment: name, entries: Array(entries.suffix(last)), total: entries.count,
                                 from: source.map { URL(fileURLWithPath: $0).lastPathComponent }))
            if source == nil, let warning = RunSelection.mixedSources(entries, experiment: name) { print("note: \(warning)") }
        }
    }
}

/// The text of `lepton runs`.
enum RunsTable {
    static func text(experiment: String, entries: [RunStore.HistoryEntry], total: Int, from file: String?) -> String {
        let headline = Array(orderedMetrics(entries).prefix(3))
        var header = ["run", "date (UTC)", "profile", "--set", "seed"] + headline + ["claims"]
        var rows: [[String]] = entries.map { e in
            let seeds = (e.replicates ?? 1) > 1 ? "\(e.seed) ×\(e.replicates ?? 1)" : String(e.seed)
            let set = e.set.map { $0.isEmpty ? "–" : $0.joined(separator: " ") } ?? "?"
            return [e.runID, TrendAnalysis.shortDate(e.created), e.profile ?? "default", set, seeds]
                + headline.map { e.metrics[$0].map(RunSummary.number) ?? "–" } + [verdicts(e.verdicts)]
        }
        if entries.contains(where: { $0.source != nil }) && file == nil {
            header.append("source")
            for (i, e) in entries.enumerated() { rows[i].append(e.source.map { $0.file ?? $0.label } ?? "?") }
        }
        let widths = header.indices.map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var lines = ["\(experiment)\(file.map { " (from \($0))" } ?? ""): \(total) run\(total == 1 ? "" : "s")"
            + (entries.count < total ? ", the newest \(entries.count) shown" : "") + ", oldest first"]
        lines.append(line(header))
        lines += rows.map(line)
        if let latest = entries.last {
            lines.append("compare the last two: `lepton compare \(entries.count >= 2 ? entries[entries.count - 2].runID : latest.runID) \(latest.runID)`")
        }
        return lines.joined(separator: "\n")
    }

    /// The latest run's metric names, alphabetical (the history keeps names only).
    private static func orderedMetrics(_ entries: [RunStore.HistoryEntry]) -> [String] {
        (entries.last?.metrics.keys.sorted() ?? [])
    }

    private static func verdicts(_ v: [String]?) -> String {
        guard let v else { return "?" }
        guard !v.isEmpty else { return "–" }
        let counts = Dictionary(v.map { ($0, 1) }, uniquingKeysWith: +)
        return ["reproduced", "not reproduced", "inconclusive"].compactMap { k in counts[k].map { "\($0) \(k)" } }.joined(separator: ", ")
    }
}
