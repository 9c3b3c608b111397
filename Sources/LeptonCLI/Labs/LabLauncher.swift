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
            let ids = try experimentReplacement(lab: lab, command: arguments[1])
            args.replaceSubrange(labIndex...labIndex, with: ids)
            if !arguments.contains("--reports") { args += ["--reports", reports.path] }
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

    /// What stands in for the file: `--all` for `run` (every experiment of the lab),
    /// nothing for `list`, else the experiment's id — read from the source, so a lab with
    /// several experiments needs `--all` or its id after the command.
    private static func experimentReplacement(lab: LabFile, command: String) throws(LabFileError) -> [String] {
        switch command {
        case "run", "reproduce": return lab.experimentVariables.count == 1 ? ["@lab"] : ["--all"]
        case "list": return []
        default: return ["@lab"]
        }
    }
}
