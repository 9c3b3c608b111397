import ArgumentParser
import Foundation
import LeptonLab

private func reportsFolder(_ path: String?) -> URL {
    RunSelection.store(path).root
}

/// `lepton compare A B`: what differs between two runs, then the metrics that changed.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Compare two runs: what differs (source, profile, seed, parameters), then the metrics that changed.",
        discussion: "A or B may be a run id, a run folder, an experiment name (its latest run) or a lab file (its latest run).")

    @Argument(help: "The first (reference) run: run id, folder, experiment name or lab file (its latest run).") var first: String
    @Argument(help: "The second run.") var second: String
    @Option(help: "Reports folder.") var reports: String?
    @Flag(help: "List every metric, unchanged ones included.") var all = false
    @Flag(help: "JSON output.") var json = false
    @Flag(help: "Markdown output.") var markdown = false

    func run() throws {
        let store = RunSelection.store(reports)
        let a = try store.read(try store.locate(try RunSelection.resolve(first)))
        let b = try store.read(try store.locate(try RunSelection.resolve(second)))
        let report = RegressionCheck.compare(baseline: a, candidate: b)
        let differences = RunDifferences.lines(a, b)
        if json {
            print(String(decoding: try LabJSON.encoder(pretty: true).encode(report), as: UTF8.self))
        } else if markdown {
            print(CheckText.markdownDifferences(differences) + report.markdown)
        } else {
            print(CheckText.table(report, differences: differences, all: all, colour: Terminal.isInteractive))
        }
    }
}

/// `lepton check`: compares a run with its committed baseline; exit status for CI.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a run against a baseline; exit 0 no regression, 2 regression, 3 a run failed, 4 improvements only, 5 baseline missing.",
        discussion: """
            The candidate is RUN (default: the latest run of the experiment). The baseline is --baseline \
            (a results.json, a run id or folder) or the committed baseline for the candidate's experiment, \
            profile and host class under Reports/baselines/ (`lepton baseline save`). A metric regresses when \
            its change in the bad direction exceeds the threshold and is statistically significant. With \
            --markdown FILE (or $GITHUB_STEP_SUMMARY) a Markdown summary is written for CI.
            """)

    @Argument(help: "The run to check: run id, folder, experiment name or lab file (its latest run).") var reference: String
    @Option(help: "Baseline: a results.json file, a run id or a run folder.") var baseline: String?
    @Option(help: "Reports folder.") var reports: String?
    @Option(help: "Also write the Markdown summary to this file.") var markdown: String?
    @Flag(help: "Judge only deterministic metrics (skip wall-clock measurements), for CI on shared machines.")
    var deterministicOnly = false
    @Flag(help: "List every metric, unchanged ones included.") var all = false

    func run() throws {
        let root = reportsFolder(reports)
        let store = RunStore(root: root)
        let candidate: RunRecord
        do {
            candidate = try store.read(try store.locate(try RunSelection.resolve(reference)))
        } catch {
            Terminal.note("error: \(error)")
            throw ExitCode(3)
        }
        let baselines = Baselines(reports: root)
        let baselineURL: URL
        if let b = baseline {
            let direct = URL(fileURLWithPath: b)
            if b.hasSuffix(".json") {
                baselineURL = direct
            } else if let folder = try? store.locate(b) {
                baselineURL = folder.appendingPathComponent("results.json")
            } else {
                baselineURL = direct
            }
        } else if let found = baselines.find(experiment: candidate.experiment, profile: candidate.profile) {
            baselineURL = found
        } else {
            baselineURL = baselines.path(experiment: candidate.experiment, profile: candidate.profile)
        }
        guard let data = FileManager.default.contents(atPath: baselineURL.path) else {
            Terminal.note("""
                error: no baseline at \(baselineURL.path).
                Create one from a run you trust: `\(RunSelection.runCommand(candidate))\(candidate.profile.map { " --profile \($0)" } ?? "")` \
                then `lepton baseline save \(RunSelection.name(candidate))`\(candidate.source?.file == nil ? ", and commit Reports/baselines/" : "").
                """)
            throw ExitCode(5)
        }
        let base: RunRecord
        do { base = try RunStore.decode(data, file: baselineURL.path) } catch {
            Terminal.note("error: \(error) (not a \(RunRecord.schemaVersion) record); save it again with `lepton baseline save \(RunSelection.name(candidate))`")
            throw ExitCode(5)
        }
        let baseClass = Baselines.hostClass(of: base.environment), ownClass = Baselines.hostClass(of: candidate.environment)
        if baseClass != ownClass {
            Terminal.note("note: the baseline \(baselineURL.lastPathComponent) comes from host class \(baseClass), this run from \(ownClass): "
                + "wall-clock metrics are skipped; the host class decides nothing else")
        }
        let bf = base.environment.numerics?.fingerprint, cf = candidate.environment.numerics?.fingerprint
        if bf != cf {
            Terminal.note("note: numerics fingerprints differ (baseline \(bf ?? "none"), this run \(cf ?? "none")): deterministic metrics "
                + "are compared with their thresholds, threshold-crossing counts ±10 %, not bit for bit (docs/RESULTS.md)")
        }
        let report = RegressionCheck.compare(baseline: base, candidate: candidate,
                                             thresholds: try baselines.thresholds(experiment: candidate.experiment),
                                             wallClock: !deterministicOnly)
        print(CheckText.table(report, differences: RunDifferences.lines(base, candidate), all: all, colour: Terminal.isInteractive))
        var targets = [String]()
        if let m = markdown { targets.append(m) }
        if let summary = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty { targets.append(summary) }
        for t in targets {
            let url = URL(fileURLWithPath: t)
            var text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            text += CheckText.markdownDifferences(RunDifferences.lines(base, candidate)) + report.markdown + "\n"
            try Data(text.utf8).write(to: url)
        }
        if !report.regressions.isEmpty { throw ExitCode(2) }
        if !report.missing.isEmpty { throw ExitCode(3) }
        if !report.improvements.isEmpty { throw ExitCode(4) }
    }
}

/// `lepton baseline save`: makes a run the committed baseline.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline", abstract: "Manage committed baselines under Reports/baselines/.",
        subcommands: [Save.self])

    struct Save: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "save", abstract: "Save a run (default: the experiment's latest) as its baseline for this profile and host class.")
        @Argument(help: "Run id, folder, experiment name or lab file (its latest run).") var reference: String
        @Option(help: "Pool this many of the experiment's latest runs with the same profile (and source) into one baseline.")
        var runs = 1
        @Option(help: "Reports folder.") var reports: String?

        func validate() throws {
            guard runs >= 1 else { throw ValidationError("--runs must be at least 1, got \(runs)") }
        }

        func run() throws {
            let root = reportsFolder(reports)
            let store = RunStore(root: root)
            let newest = try store.read(try store.locate(try RunSelection.resolve(reference)))
            var records = [newest]
            if runs > 1 {
                let earlier = store.history(experiment: newest.experiment)
                    .filter { $0.profile == newest.profile && $0.runID != newest.runID && $0.source?.key == newest.source?.key }
                    .suffix(runs - 1)
                records = try earlier.map { try store.read(store.folder(experiment: newest.experiment, runID: $0.folder)) } + [newest]
            }
            guard let record = Baselines.pool(records) else { throw ValidationError("no run to save") }
            let url = try Baselines(reports: root).save(record)
            print("saved \(record.experiment) run\(records.count > 1 ? "s" : "") \(record.runID) as the baseline: \(url.path)")
            print("`lepton check \(RunSelection.name(record))` now compares later runs with it"
                + (record.source?.file == nil ? "; commit it so that `lepton check` in CI compares against it" : ""))
        }
    }
}

/// `lepton trend NAME`: a metric over the runs with the latest run's settings.
struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend", abstract: "Chart a metric across an experiment's recorded runs with the same settings, marking level changes.",
        discussion: """
            Only runs with the latest run's profile, parameters and number of seeds (and, given a lab \
            file, from that file) are charted; --all-settings charts every run and marks the others. Points \
            are labelled by date. The latest run is checked against the band of the earlier ones \
            (their mean ± 3 standard deviations): a drop at the last run is "latest run outside the band".
            """)

    @Argument(help: "The experiment or lab file.") var experiment: String
    @Option(help: "The metric (default: the first metric of the latest run).") var metric: String?
    @Option(help: "Write the chart to this PNG file (default: <reports>/<experiment>/trend-<metric>.png).") var output: String?
    @Option(help: "Reports folder.") var reports: String?
    @Flag(help: "Chart runs with other settings too (marked as such).") var allSettings = false
    @Option(help: .hidden) var source: String?

    func run() throws {
        let store = RunSelection.store(reports)
        let experiment = try RunSelection.resolve(self.experiment)
        let everything = RunSelection.history(store, experiment: experiment, source: source)
        guard let latest = everything.last else {
            throw CLIError("no recorded runs of \(experiment) under \(store.root.path)"
                + (source.map { " from \(URL(fileURLWithPath: $0).lastPathComponent)" } ?? "")
                + "; run it first (`lepton run \(source.map { URL(fileURLWithPath: $0).lastPathComponent } ?? experiment)`)")
        }
        if source == nil, let warning = RunSelection.mixedSources(everything, experiment: experiment) { Terminal.note("warning: \(warning)") }
        let metric = self.metric ?? latest.metrics.keys.sorted().first ?? ""
        let withMetric = everything.filter { $0.metrics[metric] != nil }
        guard !withMetric.isEmpty else {
            throw CLIError("no run of \(experiment) recorded a metric '\(metric)' outside a sweep; recorded: "
                + latest.metrics.keys.sorted().joined(separator: ", "))
        }
        let same = withMetric.filter { $0.settings == latest.settings }
        let others = withMetric.filter { $0.settings != latest.settings }
        let chosen = allSettings ? withMetric : same
        guard chosen.count >= 2 else {
            throw CLIError("\(experiment) has \(chosen.count) recorded run\(chosen.count == 1 ? "" : "s") with metric '\(metric)' and the latest run's settings "
                + "(\(latest.settings))\(others.isEmpty ? "" : "; \(others.count) other run\(others.count == 1 ? "" : "s") used other settings (--all-settings charts them too)")"
                + "; a trend needs at least 2")
        }
        let analysis = TrendAnalysis(entries: chosen, metric: metric, reference: latest.settings)
        let url = URL(fileURLWithPath: output ?? store.root.appendingPathComponent(experiment).appendingPathComponent("trend-\(metric).png").path)
        let rendered = try analysis.chart().render()
        try Data(rendered.png).write(to: url, options: .atomic)
        print(analysis.text)
        if !allSettings && !others.isEmpty {
            print("left out \(others.count) run\(others.count == 1 ? "" : "s") with other settings: "
                + others.map { "\($0.runID) (\(TrendAnalysis.settingsDifference($0, from: latest)))" }.joined(separator: ", ")
                + " (--all-settings charts them, marked)")
        }
        print("chart: \(url.path)")
    }
}

/// Terminal rendering of a comparison: what differs between the runs, then the metrics
/// that changed (all of them with `all`), then a count of the unchanged ones.
enum CheckText {
    static func table(_ r: RegressionReport, differences: [String] = [], all: Bool = false, colour: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var lines = ["\(r.experiment): run \(r.candidateRun) compared with \(r.baselineRun)"]
        if differences.isEmpty {
            lines.append("same source, profile, seed and parameters")
        } else {
            lines.append("what differs between the runs:")
            lines += differences.map { "  \($0)" }
        }
        let shown = r.findings.filter { all || changed($0) }
        let unchanged = r.findings.filter { !changed($0) }.count
        if !shown.isEmpty { lines.append(all ? "metrics:" : "metrics that changed:") }
        for f in shown {
            let name = f.metric + (f.point.map { " at sweep point \($0)" } ?? "") + " (\(f.statistic))"
            let change = f.change.isNaN ? "" : " (" + (f.change >= 0 ? "+" : "") + RunSummary.number(f.change) + ")"
            let direction: String
            switch f.status {
            case .regression: direction = paint("REGRESSION", "31;1")
            case .improvement: direction = paint("improvement", "32")
            case .missing: direction = paint("MISSING", "33;1")
            case .withinTolerance, .notSignificant: direction = paint(f.status.rawValue, "33")
            case .unchanged: direction = "unchanged"
            case .informational: direction = "changed (no better or worse direction declared)"
            case .skipped: direction = "skipped"
            }
            var why: [String] = []
            if f.polarity != .neutral && f.status != .unchanged { why.append("\(f.polarity == .higherIsBetter ? "higher" : "lower") is better") }
            if [.regression, .improvement, .withinTolerance, .notSignificant].contains(f.status), !f.tolerance.hasPrefix("none") {
                why.append("threshold \(f.tolerance)")
            }
            if !f.rule.hasPrefix("wall clock") { why.append(f.rule) }
            if !f.detail.isEmpty && f.status != .unchanged && f.status != .informational { why.append(f.detail) }
            lines.append("  \(name): \(RunSummary.number(f.baseline)) → \(RunSummary.number(f.candidate))\(change): \(direction)"
                + (why.isEmpty ? "" : " — " + why.joined(separator: "; ")))
        }
        if !all && unchanged > 0 {
            lines.append("\(unchanged) metric\(unchanged == 1 ? "" : "s") unchanged (--all lists them)")
        }
        let verdict = !r.regressions.isEmpty ? "\(r.regressions.count) regression(s)" : (!r.missing.isEmpty ? "metrics missing" : "no regression")
        lines.append(verdict + (differences.isEmpty ? "" : " (the runs differ in \(differences.count) setting\(differences.count == 1 ? "" : "s") above)"))
        return lines.joined(separator: "\n")
    }

    /// A finding whose value moved, or that is missing or judged.
    static func changed(_ f: RegressionFinding) -> Bool {
        switch f.status {
        case .regression, .improvement, .missing, .skipped: return true
        default: return !(f.baseline == f.candidate || (f.baseline.isNaN && f.candidate.isNaN))
        }
    }

    /// The differences as a Markdown list, to open a Markdown summary.
    static func markdownDifferences(_ differences: [String]) -> String {
        differences.isEmpty ? "" : "**What differs between the runs:**\n\n" + differences.map { "- \($0)" }.joined(separator: "\n") + "\n\n"
    }
}
