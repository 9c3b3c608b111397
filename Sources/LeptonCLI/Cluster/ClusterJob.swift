import Foundation
import LeptonLab

/// What a cluster runs for one experiment: the same `lepton` binary (the compiled lab for
/// a lab file) with absolute paths, once per sweep point (`run NAME --point I`), then once
/// to assemble the run (`collect NAME`), every run option forwarded to both.
struct ClusterJob {
    /// The absolute path of the executable that the jobs call.
    let executable: String
    /// The experiment's id.
    let experiment: String
    /// The number of sweep points (0: the experiment has no sweep; one job runs it whole).
    let pointCount: Int
    /// Compute threads per task (Slurm's `--cpus-per-task`, Kubernetes' CPU request).
    let threads: Int
    /// The reports folder, absolute: runs, cache and the jobs' output files.
    let reports: URL
    /// The run options as arguments, `--reports` excluded (see ``arguments(reports:)``).
    let runArguments: [String]
    /// Whether `--no-cache` was given: the point tasks rerun their cells; the collect
    /// never does (it reads the points from the cache).
    let noCache: Bool

    /// The job for `experiment` with the options of this invocation.
    init(experiment: Experiment, flags: RunFlags, executable: String = ClusterJob.currentExecutable) {
        self.executable = executable
        self.experiment = experiment.id
        self.pointCount = experiment.sweep?.points.count ?? 0
        self.threads = flags.threads
        self.reports = flags.options().reports.standardizedFileURL
        var plain = flags
        plain.reports = nil
        plain.noCache = false
        self.runArguments = plain.arguments
        self.noCache = flags.noCache
    }

    /// The command line of one task; `point` is the shell text of its index (for example
    /// `"$SLURM_ARRAY_TASK_ID"`), nil for an experiment without a sweep.
    func pointCommand(point: String?, reports: String? = nil) -> String {
        var words = [executable, "run", experiment].map(Shell.quote)
        if let p = point { words += ["--point", p] }
        words += (runArguments + (noCache ? ["--no-cache"] : []) + ["--reports", reports ?? self.reports.path]).map(Shell.quote)
        return words.joined(separator: " ")
    }

    /// The command line that assembles the run; `extra` arguments are appended.
    func collectCommand(extra: [String] = [], reports: String? = nil) -> String {
        ([executable, "collect", experiment] + runArguments + ["--reports", reports ?? self.reports.path] + extra)
            .map(Shell.quote).joined(separator: " ")
    }

    /// The sweep's array range, `0-(n-1)`.
    var arrayRange: String { "0-\(max(pointCount - 1, 0))" }

    /// The absolute path of the running executable (for a lab file: its compiled lab).
    static var currentExecutable: String {
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return link }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}

/// Quoting for POSIX shell scripts.
enum Shell {
    /// `word` as one shell word: unchanged when it is plainly safe, else in single quotes.
    static func quote(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
