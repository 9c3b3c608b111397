extension ClusterError: CustomStringConvertible {
    /// A message that says what failed, where, and what to do.
    var description: String {
        switch self {
        case let .badSlurmOption(option, reason):
            return "--slurm-option '\(option)': \(reason). Give one long sbatch option per --slurm-option, "
                + "as --slurm-option=--partition=debug or --slurm-option=--time=01:00:00"
        case let .conflictingFlags(a, b):
            return "\(a) cannot be combined with \(b): drop one of them"
        case let .missingValue(flag, needed):
            return "\(flag) needs \(needed)"
        case .sbatchNotFound:
            return "sbatch is not on the PATH: run `lepton run NAME --slurm` on a Slurm login node "
                + "(or start a local one with scripts/slurm-local.sh start); nothing was written"
        case let .submissionFailed(script, status, output):
            return "sbatch refused \(script) (exit \(status)): \(output.isEmpty ? "no output" : output)"
        case let .cannotWrite(path, reason):
            return "\(path): cannot be written: \(reason)"
        case let .pointsDidNotRun(experiment, points, pointsScript, collectScript, outputs):
            let list = points.map(String.init).joined(separator: ",")
            let which = points.count == 1 ? "sweep point \(list) has" : "sweep points \(list) have"
            let logs = points.map { "\(outputs)/point-\($0).out" }.joined(separator: ", ")
            return "\(experiment): \(which) no result in the cache: the task failed, was cancelled or has not run "
                + "(its output: \(logs)). Resubmit with:\n"
                + "  sbatch --array=\(list) \(Shell.quote(pointsScript))\n"
                + "then collect once that job has ended:\n"
                + "  sbatch --dependency=afterany:<job id printed by the line above> \(Shell.quote(collectScript))"
        }
    }
}
