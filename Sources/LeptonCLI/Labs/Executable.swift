import Foundation

/// Where the running `lepton` really is, however it was started: from `PATH` (argv[0] is
/// just `lepton`), through a symbolic link, or by its path in a build folder.
enum Executable {
    /// The running executable's real path: `/proc/self/exe` (the kernel's answer, symlinks
    /// resolved), else argv[0] looked up on `PATH` and resolved.
    static var real: URL {
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: link).standardizedFileURL
        }
        return invoked.resolvingSymlinksInPath()
    }

    /// The path the user called: argv[0] as a path when it has a slash, else the first
    /// match on `PATH` (not resolved, so a symlink's own folder stays visible).
    static var invoked: URL {
        let arg0 = CommandLine.arguments.first ?? "lepton"
        if arg0.contains("/") { return URL(fileURLWithPath: arg0).standardizedFileURL }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(arg0)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.standardizedFileURL }
        }
        return URL(fileURLWithPath: arg0).standardizedFileURL
    }
}
