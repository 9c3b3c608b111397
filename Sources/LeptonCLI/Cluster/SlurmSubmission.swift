import Foundation
import LeptonLab

/// `lepton run NAME --slurm`: writes two job scripts under
/// `<reports>/slurm/<experiment>/<time>/` and submits them with `sbatch` — a job array
/// with one task per sweep point (`points.sh`, range from the sweep), then the collect
/// (`collect.sh`) with a dependency on the array's job id. Every run option reaches both
/// scripts; `--threads` is each task's `--cpus-per-task`; job output lands beside the
/// scripts. An experiment without a sweep is one job (`run.sh`).
struct SlurmSubmission {
    /// What the jobs run.
    let job: ClusterJob
    /// Extra `sbatch` options, one long option each (`--partition=debug`).
    let options: [String]
    /// The folder of the scripts and the jobs' output files.
    let folder: URL

    /// Options that Lepton sets itself, with what to use instead.
    static let reserved: [String: String] = [
        "--array": "the range comes from the experiment's sweep",
        "--dependency": "the collect depends on the array's job id",
        "--output": "job output goes under the reports folder",
        "--error": "job output goes under the reports folder",
        "--cpus-per-task": "use --threads, which sets both the threads and --cpus-per-task",
        "--wrap": "the job scripts are written by lepton",
        "--parsable": "lepton reads the job ids itself",
    ]

    /// Checks `options` and picks the folder; writes nothing.
    init(job: ClusterJob, options: [String], time: Date = Date()) throws(ClusterError) {
        for o in options { try SlurmSubmission.check(o) }
        self.job = job
        self.options = options
        let stamp = SlurmSubmission.stampFormatter.string(from: time) + "-\(getpid())"
        folder = job.reports.appendingPathComponent("slurm").appendingPathComponent(job.experiment).appendingPathComponent(stamp)
    }

    /// Rejects what is not one long sbatch option, or is an option Lepton sets.
    static func check(_ option: String) throws(ClusterError) {
        guard option.hasPrefix("--"), option.count > 2 else {
            throw .badSlurmOption(option, reason: "not a long option (it must start with --)")
        }
        guard !option.contains(where: \.isNewline) else { throw .badSlurmOption(option, reason: "it contains a line break") }
        let name = String(option.prefix { $0 != "=" && $0 != " " })
        if let why = reserved[name] { throw .badSlurmOption(option, reason: "lepton sets \(name) itself: \(why)") }
    }

    /// The array script: one task per sweep point.
    var pointsScript: String {
        script(comment: "one task per sweep point of \(job.experiment); resubmit points with: sbatch --array=I[,J…] \(path("points.sh"))",
               directives: ["--job-name=lepton-\(job.experiment)", "--array=\(job.arrayRange)", "--output=\(path("point-%a.out"))"],
               command: job.pointCommand(point: "\"${SLURM_ARRAY_TASK_ID:?submit as a job array: sbatch --array=I \(path("points.sh"))}\""))
    }

    /// The collect script: assembles the run from the points in the cache.
    var collectScript: String {
        script(comment: "assembles the run of \(job.experiment) once every point has run",
               directives: ["--job-name=lepton-\(job.experiment)-collect", "--output=\(path("collect-%j.out"))"],
               command: job.collectCommand(extra: ["--slurm-points-script", path("points.sh")]))
    }

    /// The script of an experiment without a sweep: the whole run in one job.
    var runScript: String {
        script(comment: "the whole run of \(job.experiment) (it has no sweep)",
               directives: ["--job-name=lepton-\(job.experiment)", "--output=\(path("run-%j.out"))"],
               command: job.pointCommand(point: nil))
    }

    private func path(_ file: String) -> String { folder.appendingPathComponent(file).path }

    private func script(comment: String, directives: [String], command: String) -> String {
        let lines = ["#!/bin/bash", "# Written by lepton: \(comment)"]
            + (directives + ["--cpus-per-task=\(job.threads)"] + options).map { "#SBATCH \($0)" }
            + ["set -euo pipefail", "exec \(command)", ""]
        return lines.joined(separator: "\n")
    }

    /// The submitted jobs: the array (or the single run) and the collect (nil without a sweep).
    struct Submitted {
        /// The array's (or the single job's) id.
        var main: String
        /// The collect's id.
        var collect: String?
    }

    /// Writes the scripts and submits them; `sbatch` is checked before anything is written.
    func submit() throws(ClusterError) -> Submitted {
        guard let sbatch = SlurmSubmission.which("sbatch") else { throw .sbatchNotFound }
        let scripts = job.pointCount > 0 ? [("points.sh", pointsScript), ("collect.sh", collectScript)] : [("run.sh", runScript)]
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (name, text) in scripts {
                try Data(text.utf8).write(to: folder.appendingPathComponent(name))
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path(name))
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw .cannotWrite(path: folder.path, reason: "\(error)")
        }
        let main = try SlurmSubmission.sbatch(sbatch, [path(scripts[0].0)])
        guard job.pointCount > 0 else { return Submitted(main: main, collect: nil) }
        do {
            let collect = try SlurmSubmission.sbatch(sbatch, ["--dependency=afterany:\(main)", path("collect.sh")])
            return Submitted(main: main, collect: collect)
        } catch {
            SlurmSubmission.cancel(main)          // nothing half-submitted: no array without its collect
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    /// What to tell the user after submitting.
    func followText(_ s: Submitted) -> String {
        guard let collect = s.collect else {
            return """
                submitted \(job.experiment) to Slurm as job \(s.main) (\(path("run.sh")))
                follow: squeue -j \(s.main)
                output: \(path("run-\(s.main).out"))
                """
        }
        return """
            submitted \(job.experiment) to Slurm: \(job.pointCount) points as array job \(s.main) (--array=\(job.arrayRange) \(path("points.sh")))
            collect job \(collect) starts when every task of \(s.main) has ended (--dependency=afterany:\(s.main))
            follow: squeue -j \(s.main),\(collect)
            output: \(folder.path)/point-<I>.out, collect-\(collect).out
            the run: lepton show \(job.experiment) --reports \(Shell.quote(job.reports.path))   (once job \(collect) has succeeded)
            """
    }

    private static func sbatch(_ sbatch: String, _ arguments: [String]) throws(ClusterError) -> String {
        let done: Subprocess.Finished
        do {
            done = try Subprocess.run(URL(fileURLWithPath: sbatch), arguments: ["--parsable"] + arguments, errors: .withOutput)
        } catch {
            throw .submissionFailed(script: arguments.last ?? "", status: -1, output: "\(error)")
        }
        let text = done.output.trimmingCharacters(in: .whitespacesAndNewlines)
        let id = text.split(separator: "\n").last.map { String($0.prefix { $0 != ";" }) } ?? ""
        guard done.succeeded, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            throw .submissionFailed(script: arguments.last ?? "", status: done.status, output: text)
        }
        return id
    }

    private static func cancel(_ id: String) {
        guard let scancel = which("scancel") else { return }
        _ = try? Subprocess.run(URL(fileURLWithPath: scancel), arguments: [id], output: .discard)
    }

    /// The first executable `name` on the PATH.
    static func which(_ name: String) -> String? {
        Subprocess.locate(name)
    }

    private static let stampFormatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f
    }()
}
