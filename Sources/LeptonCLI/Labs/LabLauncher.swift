import Foundation
import LeptonLab

/// Runs a command on a lab file: `lepton run lab3.swift [options]` compiles the file (or
/// reuses its cached build) and hands the command to the compiled lab, which carries the
/// whole CLI with the lab's experiments as its catalogue. Reports go to `Reports/` beside
/// the lab file unless `--reports` or `$LEPTON_REPORTS` says otherwise.
enum LabLauncher {
    /// Commands that take an experiment and so accept a lab file in its place.
    static let commands: Set<String> = ["run", "collect", "show", "list", "reproduce", "check", "baseline", "trend", "compare", "runs"]

    /// Commands that only read recorded runs: a lab file stands for its runs (the latest,
    /// or all of them for `trend` and `runs`) in `Reports/` beside it, without compiling.
    static let readers: Set<String> = ["show", "check", "baseline", "trend", "compare", "runs"]

    /// The lab file named in `arguments`, if this invocation is about one.
    static func labArgument(in arguments: [String]) -> Int? {
        guard arguments.count >= 3, commands.contains(arguments[1]) else { return nil }
        return arguments.indices.dropFirst(2).first { arguments[$0].hasSuffix(".swift") && arguments[$0 - 1] != "--set" }
    }

    /// Compiles the lab and replaces this process with it; returns only on failure.
    static func launch(arguments: [String], labIndex: Int) -> Never {
        do {
            let lab = try LabFile(path: arguments[labIndex])
            if readers.contains(arguments[1]), lab.experimentIDs.count == 1, lab.experimentVariables.count == 1 {
                let args = try readerArguments(arguments)
                LeptonCommand.main(Array(args.dropFirst()))
                exit(0)
            }
            var args = arguments
            let reports = reportsFolder(arguments: arguments, lab: lab)
            let ids = experimentReplacement(lab: lab, command: arguments[1])
            args.replaceSubrange(labIndex...labIndex, with: ids)
            if !arguments.contains("--reports") && arguments[1] != "list" { args += ["--reports", reports.path] }
            let cache = reports.appendingPathComponent(".labs")
            let compiler = LabCompiler(toolkit: try LabToolkit.locate(digestCache: cache), cache: cache)
            Interrupts.install()        // Ctrl-C while the compiler runs stops it and removes its TMPDIR
            let binary = try compiler.executable(for: lab)
            Interrupts.restoreDefaults()    // an ignored SIGINT would outlive execv in the lab's process
            args[0] = binary.path
            if ProcessInfo.processInfo.environment["LEPTON_DATASETS"]?.isEmpty ?? true, let data = LabToolkit.installedDatasets {
                setenv("LEPTON_DATASETS", data.path, 1)
            }
            let argv = args.map { strdup($0) } + [nil]
            execv(binary.path, argv)
            throw LabFileError.launchFailed(path: binary.path, reason: String(cString: strerror(errno)))
        } catch {
            Terminal.note("error: \(error)")
            exit(error is CLIError && arguments[1] == "check" ? 3 : 1)
        }
    }

    /// The arguments of a reading command with each lab file replaced: by its latest run's
    /// folder (`show`, `compare`, `check`, `baseline save`), or by its experiment id and
    /// `--source <path>` (`trend`, `runs`); `--reports` is the first lab's reports folder.
    static func readerArguments(_ arguments: [String]) throws -> [String] {
        var args = [String]()
        var reports: URL?
        var previous = ""
        for (i, a) in arguments.enumerated() {
            defer { previous = a }
            guard i >= 2, a.hasSuffix(".swift"), previous != "--set" else { args.append(a); continue }
            let lab = try LabFile(path: a)
            guard lab.experimentIDs.count == 1, lab.experimentVariables.count == 1 else {
                throw LabFileError.launchFailed(path: lab.url.path, reason: "it declares several experiments; name the experiment or a run id instead")
            }
            let folder = reportsFolder(arguments: arguments, lab: lab)
            if reports == nil { reports = folder }
            let id = lab.experimentIDs[0]
            if ["trend", "runs"].contains(arguments[1]) {
                args += [id, "--source", lab.url.path]
                continue
            }
            let store = RunStore(root: folder)
            guard let last = RunSelection.history(store, experiment: id, source: lab.url.path).last else {
                throw CLIError("no run of \(lab.url.lastPathComponent) (experiment \(id)) under \(folder.path) yet; "
                    + "run `lepton run \(a)` first")
            }
            args.append(store.folder(experiment: id, runID: last.folder).path)
        }
        if !arguments.contains("--reports"), let reports { args += ["--reports", reports.path] }
        return args
    }

    /// `--reports` if given, else `$LEPTON_REPORTS`, else `Reports/` beside the lab file.
    private static func reportsFolder(arguments: [String], lab: LabFile) -> URL {
        if let i = arguments.firstIndex(of: "--reports"), i + 1 < arguments.count { return URL(fileURLWithPath: arguments[i + 1]) }
        if let env = ProcessInfo.processInfo.environment["LEPTON_REPORTS"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return lab.url.deletingLastPathComponent().appendingPathComponent("Reports")
    }

    /// What stands in for the file: nothing for `list` and for `run`/`reproduce` of a lab
    /// with several experiments (then `--all`: every one); else the experiment's id as
    /// written in the source (`@lab`, "the lab's only experiment", when it is not a literal).
    private static func experimentReplacement(lab: LabFile, command: String) -> [String] {
        let only = lab.experimentIDs.count == lab.experimentVariables.count && lab.experimentIDs.count == 1
            ? lab.experimentIDs[0] : "@lab"
        switch command {
        case "list": return []
        case "run": return lab.experimentVariables.count == 1 ? [only] : ["--all"]
        case "reproduce": return lab.experimentVariables.count == 1 ? [only] : []
        default: return [only]
        }
    }
}
