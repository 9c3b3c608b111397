import ArgumentParser
import Foundation
import LeptonLab

/// `lepton list`: the experiments in the catalogue.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the experiments.")

    @Flag(help: "Show how each cell's code is identified for the cache (from the sources compiled in, or the executable) and the declarations each cell depends on.")
    var code = false

    func run() throws {
        for warning in LeptonCLI.identity.staleSourceWarnings() { Terminal.note("warning: \(warning)") }
        for e in LeptonCLI.experiments {
            print("\(e.id) — \(e.title)")
            let profiles = e.profiles.map { $0.name }.joined(separator: ", ")
            var facts = ["profiles: \(profiles.isEmpty ? "none" : profiles)", "\(e.cells.count) cells", "\(e.claims.count) claims"]
            if let s = e.sweep { facts.append("sweep '\(s.name)' of \(s.points.count) points") }
            if e.replicates > 1 { facts.append("\(e.replicates) seeds") }
            print("    " + facts.joined(separator: "; "))
            for p in e.parameterUsage { print("    --set \(p)") }
            if code {
                for c in e.cells {
                    let key = LeptonCLI.identity.key(for: c)
                    print("    cell \(c.name): code \(key.coverage.rawValue) \(key.digest.prefix(12)) (\(URL(fileURLWithPath: c.file).lastPathComponent):\(c.line))")
                    let dependencies = LeptonCLI.identity.dependencies(of: c)
                    if key.coverage == .manifest {
                        print("      depends on: " + (dependencies.isEmpty ? "no declaration of its module" : dependencies.joined(separator: ", ")))
                    }
                }
            }
        }
    }
}

/// `lepton show RUN`: a recorded run's summary.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a recorded run (a run id, its folder, an experiment name or a lab file for its latest run).")

    @Argument(help: "Run id, run folder, experiment name or lab file.") var reference: String
    @Option(help: "Reports folder.") var reports: String?
    @Flag(help: "Print results.json.") var json = false

    func run() throws {
        let store = RunSelection.store(reports)
        let reference = try RunSelection.resolve(self.reference)
        let folder = try store.locate(reference)
        let record = try store.read(folder)
        if folder.lastPathComponent != reference, let warning = RunSelection.mixedSources(store.history(experiment: reference), experiment: reference) {
            Terminal.note("warning: \(warning)")
        }
        if json {
            print(String(decoding: try RunStore.encode(record), as: UTF8.self))
            return
        }
        print(RunSummary.text(record))
        print("parameters: " + record.parameters.map { "\($0.name)=\($0.value) (\($0.origin.rawValue))" }.joined(separator: ", "))
        let threads = record.environment.threads
        print("cells: " + record.cells.map {
            "\($0.cell)\($0.point.map { "@\($0)" } ?? "") \($0.status.rawValue) \(NumberFormat.fixed($0.seconds, 2))s"
                + ($0.threads.map { $0 == threads ? "" : $0 == 1 ? " (1 thread)" : " (\($0) threads)" } ?? "")
        }.joined(separator: ", "))
        if let source = record.source { print("source: \(source.label)\(source.path.map { ", \($0)" } ?? "")") }
        print("environment: Lepton \(record.environment.leptonVersion), commit \(record.environment.gitCommit ?? "?")"
            + "\(record.environment.gitDirty == true ? " (dirty)" : ""), \(record.environment.cpuModel), \(record.environment.threads) threads")
        print("report: \(folder.appendingPathComponent("report.html").path)")
    }
}

/// `lepton collect NAME`: assembles a sweep run from points run with `--point`.
struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Assemble a run whose sweep points ran separately (`lepton run NAME --point I`).")

    @Argument(help: "The experiment.") var name: String
    @OptionGroup var flags: RunFlags
    @Option(help: .hidden) var slurmPointsScript: String?

    func run() throws {
        Interrupts.install()            // before a lab file compiles
        let experiment = try ExperimentLookup.find(name)
        var options = flags.options()
        options.requireCachedSweep = true
        let store = RunStore(root: options.reports)
        store.sweepStaleStaging()
        let runner = Runner(experiment: experiment, options: options)
        runner.observer = RunProgress(quiet: false).handle
        let result: RunResult
        do {
            result = try runner.run()
        } catch let LabError.missingPoints(id, points) where slurmPointsScript != nil {
            let script = URL(fileURLWithPath: slurmPointsScript ?? "")
            let folder = script.deletingLastPathComponent()
            throw ClusterError.pointsDidNotRun(experiment: id, points: points, pointsScript: script.path,
                                               collectScript: folder.appendingPathComponent("collect.sh").path, outputs: folder.path)
        }
        let folder = try store.write(result)
        print(RunSummary.text(result.record))
        print("report: \(folder.appendingPathComponent("report.html").path)")
    }
}

/// `lepton reproduce`: runs every experiment that has claims and prints one claims table.
struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Run every experiment with claims (or those named) and print one claims table.",
        discussion: """
            Exit status: 0 when every claim is reproduced, 2 when at least one is not reproduced, \
            3 when none failed but at least one is inconclusive, 1 when a run failed.
            """)

    @Argument(help: "Experiments to run (default: all with claims).") var names: [String] = []
    @Option(help: "The CLAIMS.md whose ids the ledger lists (default: ../shared/CLAIMS.md next to the package).")
    var claims: String?
    @OptionGroup var flags: RunFlags

    func validate() throws {
        if let claims, !FileManager.default.fileExists(atPath: claims) {
            throw ValidationError("--claims \(claims): no such file (a CLAIMS.md-style list of ids)")
        }
    }

    func run() throws {
        Interrupts.install()            // before a lab file compiles
        let experiments = try names.isEmpty ? LeptonCLI.experiments.filter { !$0.claims.isEmpty } : names.map(ExperimentLookup.find)
        let store = RunStore(root: flags.options().reports)
        store.sweepStaleStaging()
        var rows: [(String, ClaimResult)] = []
        var evidence: [LedgerEvidence] = []
        for e in experiments {
            Terminal.note(RunFlags.batchHeading(e, profile: flags.profile))
            var options = flags.options()
            if let p = flags.profile, !e.hasProfile(p) { options.profile = nil }
            let runner = Runner(experiment: e, options: options)
            runner.observer = RunProgress(quiet: false).handle
            let result = try runner.run()
            let folder = try store.write(result)
            Terminal.note("report: \(folder.appendingPathComponent("report.html").path)")
            rows += result.record.claims.map { (e.id, $0) }
            let report = folder.path.hasPrefix(store.root.path + "/")
                ? String(folder.path.dropFirst(store.root.path.count + 1)) + "/report.html" : nil
            evidence += result.record.claims.map { LedgerEvidence(experiment: e.id, report: report, result: $0) }
        }
        print(RunSummary.claimsTable(rows))
        try LedgerOutput.write(evidence: evidence, claimsFile: claims, reports: store.root)
        let verdicts = rows.map(\.1.verdict)
        if verdicts.contains(.notReproduced) { throw ExitCode(2) }
        if verdicts.contains(.inconclusive) { throw ExitCode(3) }
    }
}
