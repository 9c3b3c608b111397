/// What can go wrong when a sweep is handed to a cluster (wording in
/// `ClusterError+Description.swift`).
enum ClusterError: Error, Equatable {
    /// `--slurm-option` was given something that is not a long `sbatch` option.
    case badSlurmOption(String, reason: String)
    /// A cluster flag was combined with one that cannot go with it.
    case conflictingFlags(String, String)
    /// A Kubernetes flag lacks the value it needs.
    case missingValue(flag: String, needed: String)
    /// `sbatch` is not on the PATH.
    case sbatchNotFound
    /// `sbatch` refused a job or printed no job id.
    case submissionFailed(script: String, status: Int32, output: String)
    /// The job scripts or the manifest could not be written.
    case cannotWrite(path: String, reason: String)
    /// The collect found sweep points without results: the tasks failed, were cancelled
    /// or did not run.
    case pointsDidNotRun(experiment: String, points: [Int], pointsScript: String, collectScript: String, outputs: String)
}
