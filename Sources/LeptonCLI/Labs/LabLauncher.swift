import Foundation
import LeptonLab

/// Runs a command on a lab file: `lepton run lab3.swift [options]` compiles the file (or
/// reuses its cached build) and hands the command to the compiled lab, which carries the
/// whole CLI with the lab's experiments as its catalogue. Reports go to `Reports/` beside
/// the lab file unless `--reports` or `$LEPTON_REPORTS` says otherwise.
enum LabLauncher {
    /// Commands that take an experiment and so accept a lab file in its place.
    static let commands: Set<String> = ["run", "collect", "show", "list", "reproduce", "check", "baseline", "trend", "compare"]

    /// The lab file named in `arguments`, if this invocation is about one.
    static func labArgument(in arguments: [String]) -> Int? {
        guard arguments.count >= 3, commands.contains(arguments[1]) else { return nil }
        return arguments.indices.dropFirst(2).first { arguments[$0].hasSuffix(".swift") && arguments[$0 - 1] != "--set" }
    }

    /// Compiles the lab and replaces this process with it; returns only on failure.
    static func launch(arguments: [String], labIndex: Int) -> Never {
        do {
            let lab = try LabFile(path: arguments[labIndex])
            var args = arguments
            let reports = reportsFolder(arguments: arguments, lab: lab)
            let ids = experimentReplacement(lab: lab, command: arguments[1])
            args.replaceSubrange(labIndex...labIndex, with: ids)
            if !arguments.contains("--reports") && arguments[1] != "list" { args += ["--reports", reports.path] }
            let cache = reports.appendingPathComponent(".labs")
            let compiler = LabCompiler(toolkit: try LabToolkit.locate(digestCache: cache), cache: cache)
            let binary = try compiler.executable(for: lab)
            args[0] = binary.path
            let argv = args.map { strdup($0) } + [nil]
            execv(binary.path, argv)
            throw LabFileError.launchFailed(path: binary.path, reason: String(cString: strerror(errno)))
        } catch {
            Terminal.note("error: \(error)")
            exit(1)
        }
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
