import ArgumentParser
import Foundation
import LeptonInput
import LeptonCharts
import LeptonLab

private func reportsFolder(_ path: String?) -> URL {
    path.map { URL(fileURLWithPath: $0) } ?? RunOptions.defaultReports
}

/// `lepton compare A B`: every metric's change between two runs.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare", abstract: "Compare two runs metric by metric (text, --json or --markdown).")

    @Argument(help: "The first (reference) run: run id, folder, or experiment name for its latest run.") var first: String
    @Argument(help: "The second run.") var second: String
    @Option(help: "Reports folder.") var reports: String?
    @Flag(help: "JSON output.") var json = false
    @Flag(help: "Markdown output.") var markdown = false

    func run() throws {
        let store = RunStore(root: reportsFolder(reports))
        let a = try store.read(try store.locate(first)), b = try store.read(try store.locate(second))
        let report = RegressionCheck.compare(baseline: a, candidate: b)
        if json {
            print(String(decoding: try LabJSON.encoder(pretty: true).encode(report), as: UTF8.self))
        } else if markdown {
            print(report.markdown)
        } else {
            print(CheckText.table(report, colour: Terminal.isInteractive))
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

    @Argument(help: "The run to check: run id, folder, or experiment name (its latest run).") var reference: String
    @Option(help: "Baseline: a results.json file, a run id or a run folder.") var baseline: String?
    @Option(help: "Reports folder.") var reports: String?
    @Option(help: "Also write the Markdown summary to this file.") var markdown: String?
    @Flag(help: "Judge only deterministic metrics (skip wall-clock measurements), for CI on shared machines.")
    var deterministicOnly = false

    func run() throws {
        let root = reportsFolder(reports)
        let store = RunStore(root: root)
        let candidate: RunRecord
        do {
            candidate = try store.read(try store.locate(reference))
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
                Create one from a run you trust: `lepton run \(candidate.experiment)\(candidate.profile.map { " --profile \($0)" } ?? "")` \
                then `lepton baseline save \(candidate.experiment)`, and commit Reports/baselines/.
                """)
            throw ExitCode(5)
        }
        let base: RunRecord
        do { base = try RunStore.decode(data, file: baselineURL.path) } catch {
            Terminal.note("error: \(error) (not a \(RunRecord.schemaVersion) record); save it again with `lepton baseline save \(candidate.experiment)`")
            throw ExitCode(5)
        }
        let baseClass = Baselines.hostClass(of: base.environment), ownClass = Baselines.hostClass(of: candidate.environment)
        if baseClass != ownClass {
            Terminal.note("note: the baseline \(baselineURL.lastPathComponent) comes from host class \(baseClass), this run from \(ownClass): "
                + "machine-independent metrics are compared as usual, other deterministic ones with their thresholds (cross-machine), "
                + "wall-clock ones are skipped")
        }
        let report = RegressionCheck.compare(baseline: base, candidate: candidate,
                                             thresholds: try baselines.thresholds(experiment: candidate.experiment),
                                             wallClock: !deterministicOnly)
        print(CheckText.table(report, colour: Terminal.isInteractive))
        var targets = [String]()
        if let m = markdown { targets.append(m) }
        if let summary = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty { targets.append(summary) }
        for t in targets {
            let url = URL(fileURLWithPath: t)
            var text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            text += report.markdown + "\n"
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
        @Argument(help: "Run id, folder, or experiment name (its latest run).") var reference: String
        @Option(help: "Pool this many of the experiment's latest runs with the same profile into one baseline.")
        var runs = 1
        @Option(help: "Reports folder.") var reports: String?

        func validate() throws {
            guard runs >= 1 else { throw ValidationError("--runs must be at least 1, got \(runs)") }
        }

        func run() throws {
            let root = reportsFolder(reports)
            let store = RunStore(root: root)
            let newest = try store.read(try store.locate(reference))
            var records = [newest]
            if runs > 1 {
                let earlier = store.history(experiment: newest.experiment)
                    .filter { $0.profile == newest.profile && $0.runID != newest.runID }.suffix(runs - 1)
                records = try earlier.map { try store.read(store.folder(experiment: newest.experiment, runID: $0.folder)) } + [newest]
            }
            guard let record = Baselines.pool(records) else { throw ValidationError("no run to save") }
            let url = try Baselines(reports: root).save(record)
            print("saved \(record.experiment) run\(records.count > 1 ? "s" : "") \(record.runID) as the baseline: \(url.path)")
            print("commit it so that `lepton check` in CI compares against it")
        }
    }
}

/// `lepton trend NAME --metric M`: a chart of a metric over the recorded runs.
struct TrendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend", abstract: "Chart a metric across an experiment's recorded runs, marking level changes.")

    @Argument(help: "The experiment.") var experiment: String
    @Option(help: "The metric.") var metric: String
    @Option(help: "Write the chart to this PNG file.") var output: String
    @Option(help: "Reports folder.") var reports: String?

    func run() throws {
        let store = RunStore(root: reportsFolder(reports))
        let history = store.history(experiment: experiment).filter { $0.metrics[metric] != nil }
        guard history.count >= 2 else {
            throw ValidationError("\(experiment) has \(history.count) recorded runs with metric '\(metric)'; a trend needs at least 2")
        }
        let values = history.compactMap { $0.metrics[metric] }
        let (chart, step) = Trend.chart(metric: metric, unit: nil, runs: history.map(\.runID), values: values)
        let rendered = try chart.render()
        try Data(rendered.png).write(to: URL(fileURLWithPath: output), options: .atomic)
        print("\(values.count) runs; " + (step.map { "level change before run \($0 + 1) (\(history[$0].runID))" } ?? "no level change"))
        print("chart: \(output)")
    }
}

/// Terminal rendering of a regression report.
enum CheckText {
    static func table(_ r: RegressionReport, colour: Bool) -> String {
        func paint(_ s: String, _ code: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var lines = ["\(r.experiment): \(r.candidateRun) against \(r.baselineRun)"]
        for f in r.findings {
            let name = f.metric + (f.point.map { "@\($0)" } ?? "") + " (\(f.statistic))"
            let change = (f.change >= 0 ? "+" : "") + RunSummary.number(f.change)
            let direction: String
            switch f.status {
            case .regression: direction = paint("REGRESSION", "31;1")
            case .improvement: direction = paint("improvement", "32")
            case .missing: direction = paint("MISSING", "33;1")
            case .withinTolerance, .notSignificant:
                direction = paint(f.status.rawValue, "33")
            case .unchanged, .informational: direction = f.status.rawValue
            case .skipped: direction = "skipped"
            }
            lines.append("  \(name): \(RunSummary.number(f.baseline)) → \(RunSummary.number(f.candidate)) (\(change)), "
                + "threshold \(f.tolerance), \(f.polarity.rawValue) is better, rule: \(f.rule): \(direction) — \(f.detail)")
        }
        let verdict = !r.regressions.isEmpty ? "\(r.regressions.count) regression(s)" : (!r.missing.isEmpty ? "metrics missing" : "no regression")
        lines.append(verdict)
        return lines.joined(separator: "\n")
    }
}
