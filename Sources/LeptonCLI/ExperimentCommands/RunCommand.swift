import ArgumentParser
import Dispatch
import Foundation
import LeptonLab
import LeptonReport

/// `lepton run NAME`: runs an experiment and writes its report and results.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an experiment; write Reports/<experiment>/<run-id>/ (results.json, report.html, charts).",
        discussion: """
            Parameters come from the defaults, then --profile, then --set. Cells whose code and \
            inputs are unchanged are taken from the cache (--no-cache runs everything).
            Sweeps: --jobs N runs sweep points in N processes; --point I runs one point (cells \
            before the sweep included) for an external scheduler, and `lepton collect` assembles \
            the run once every point has run (same --profile/--set/--seed). --slurm submits the \
            points as a Slurm job array and the collect after it; --kubernetes FILE writes an \
            Indexed Job manifest (docs/CLUSTER.md).
            """)

    @Argument(help: "The experiment (see `lepton list`).") var name: String?
    @Flag(help: "Run every experiment in the catalogue, one after another.") var all = false
    @OptionGroup var flags: RunFlags
    @Option(help: "Run sweep points in this many processes.") var jobs = 1
    @Option(help: "Run only this sweep point (0-based) and stop; collect later.") var point: Int?
    @Flag(help: "Run twice without the cache and name the first cell whose outputs differ.") var verifyDeterminism = false
    @Flag(help: "Print results.json on standard output.") var json = false
    @OptionGroup(title: "Clusters") var cluster: ClusterFlags
    @Option(help: "Language of the report's headings, table captions and verdict words: en or zh (the experiment's own text is not translated).")
    var lang = "en"

    private var language: ReportLanguage { ReportLanguage(code: lang) ?? .en }

    func validate() throws {
        guard (name == nil) != !all else { throw ValidationError("name one experiment, or pass --all") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        guard ReportLanguage(code: lang) != nil else {
            throw ValidationError("--lang must be one of \(ReportLanguage.allCases.map(\.rawValue).joined(separator: ", ")); got '\(lang)'")
        }
        guard flags.threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(flags.threads)") }
        let local = [(all, "--all"), (jobs > 1, "--jobs"), (point != nil, "--point"), (verifyDeterminism, "--verify-determinism"), (json, "--json"),
                     (lang != "en", "--lang (collect writes the report in English)")]
        try cluster.check(others: local.filter(\.0).map(\.1))
    }

    func run() throws {
        Interrupts.install()            // before a lab file compiles
        if all {
            var folders: [String] = []
            for e in LeptonCLI.experiments {
                var command = self
                Terminal.note(RunFlags.batchHeading(e, profile: flags.profile))
                if let p = flags.profile, !e.hasProfile(p) { command.flags.profile = nil }
                folders.append(try command.runOne(e))
            }
            print("reports:\n" + folders.map { "  \($0)" }.joined(separator: "\n"))
            return
        }
        let experiment = try ExperimentLookup.find(name ?? "")
        if cluster.requested { return try cluster.submit(experiment, flags: flags) }
        _ = try runOne(experiment)
    }

    @discardableResult
    private func runOne(_ experiment: Experiment) throws -> String {
        let store = RunStore(root: flags.options().reports, language: language)
        store.sweepStaleStaging()
        let progress = RunProgress(quiet: json)

        if let p = point {
            let runner = Runner(experiment: experiment, options: flags.options(point: p))
            runner.observer = progress.handle
            _ = try runner.run()
            Terminal.note("point \(p) of \(experiment.id) is in the cache; run the others, then `lepton collect \(experiment.id)` with the same options")
            return ""
        }
        if verifyDeterminism {
            return try verify(experiment, progress: progress)
        }
        if jobs > 1, let sweep = experiment.sweep {
            try runPoints(experiment, count: sweep.points.count, progress: progress)
        }
        let runner = Runner(experiment: experiment, options: flags.options())
        runner.observer = progress.handle
        return try finish(try runner.run(), store: store)
    }

    /// Point 0 in this process (so the cells before the sweep are cached once), the rest in
    /// up to `jobs` child processes at a time.
    private func runPoints(_ experiment: Experiment, count: Int, progress: RunProgress) throws {
        let first = Runner(experiment: experiment, options: flags.options(point: 0))
        first.observer = progress.handle
        _ = try first.run()
        var pending = Array(1..<count)
        var running: [(Int, Process)] = []
        var failed: [Int] = []
        while !pending.isEmpty || !running.isEmpty {
            while running.count < jobs, let p = pending.first {
                pending.removeFirst()
                let child = try Subprocess.start(Executable.real, arguments: ["run", experiment.id, "--point", String(p)] + flags.arguments)
                running.append((p, child))
            }
            if let (p, child) = running.first {
                child.waitUntilExit()
                running.removeFirst()
                if child.terminationStatus != 0 { failed.append(p) }
                else { Terminal.note("point \(p) done (child process)") }
            }
        }
        if !failed.isEmpty {
            let which = failed.count == 1 ? "sweep point \(failed[0])" : "sweep points \(failed.map(String.init).joined(separator: ", "))"
            throw ValidationError("\(which) failed in \(failed.count == 1 ? "its process" : "their processes"); "
                + "rerun with `lepton run \(experiment.id) --point I` (same options) to see why")
        }
    }

    private func verify(_ experiment: Experiment, progress: RunProgress) throws -> String {
        var options = flags.options()
        options.useCache = false
        var results: [RunResult] = []
        for attempt in 1...2 {
            Terminal.note("determinism check: run \(attempt) of 2 (no cache)")
            let runner = Runner(experiment: experiment, options: options)
            runner.observer = progress.handle
            results.append(try runner.run())
        }
        if let difference = DeterminismCheck.firstDifference(results[0], results[1]) {
            throw LabError.nondeterministic(experiment: experiment.id, cell: difference.cell, detail: difference.detail)
        }
        Terminal.note("determinism verified: both runs produced identical metrics, tables and artifacts in every cell "
            + "(measured metrics, table columns and artifacts excluded)")
        return try finish(results[1], store: RunStore(root: options.reports, language: language))
    }

    private func finish(_ result: RunResult, store: RunStore) throws -> String {
        for warning in result.record.warnings ?? [] { Terminal.note("warning: \(warning)") }
        let folder = try store.write(result)
        let report = folder.appendingPathComponent("report.html").path
        if let source = result.record.source, source.file != nil {
            let others = Set(store.history(experiment: result.record.experiment).compactMap { $0.source?.key }).subtracting([source.key])
            if !others.isEmpty {
                Terminal.note("note: Reports/\(result.record.experiment)/ also holds runs of " + others.sorted().map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ", ")
                    + ", which declares the same experiment; `lepton runs \(source.file ?? "")`, `show`, `compare` and `trend` given this file keep to its runs")
            }
        }
        if json {
            print(String(decoding: try RunStore.encode(result.record), as: UTF8.self))
            return report
        }
        print(RunSummary.text(result.record))
        print("report: \(report)")
        return report
    }
}

/// Removes a half-written run folder, stops a running compiler, and exits when the user interrupts.
enum Interrupts {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func install() {
        guard sources.isEmpty else { return }
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                if let staging = RunStore.activeStaging { try? FileManager.default.removeItem(atPath: staging) }
                Subprocess.stopChildren()       // a lab's compiler, were it running, and its TMPDIR
                Terminal.note("\ninterrupted: no run was written (finished cells stay cached)")
                _exit(130)      // no atexit handlers racing the threads still computing
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The default SIGINT and SIGTERM actions again, before this process becomes another
    /// program (`execv` keeps an ignored signal ignored).
    static func restoreDefaults() {
        for source in sources { source.cancel() }
        sources = []
        for sig in [SIGINT, SIGTERM] { signal(sig, SIG_DFL) }
    }
}
