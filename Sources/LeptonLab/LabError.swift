/// Everything that can go wrong describing, planning or running an experiment. Each
/// message says what failed, where (experiment, cell, parameter, file) and what to do.
public enum LabError: Error, Equatable, Sendable {
    /// No experiment with this name is in the catalogue.
    case unknownExperiment(name: String, suggestion: String?, known: [String])
    /// `--set` named a parameter the experiment does not have.
    case unknownParameter(experiment: String, name: String, suggestion: String?, valid: [String])
    /// A value could not be read as the parameter's type.
    case wrongType(parameter: String, value: String, expected: String, valid: [String])
    /// A value lies outside the parameter's range or allowed set.
    case outOfRange(parameter: String, value: String, allowed: String, valid: [String])
    /// `--set` named a parameter the sweep sets at every point, so the value would be unused.
    case sweptParameter(experiment: String, name: String, sweep: String, values: [String])
    /// A profile that the experiment does not define.
    case unknownProfile(experiment: String, name: String, suggestion: String?, known: [String])
    /// The experiment's description is inconsistent (duplicate names, a claim on no metric, …).
    case invalidExperiment(experiment: String, problem: String)
    /// A cell threw an error.
    case cellFailed(experiment: String, cell: String, message: String)
    /// A cell asked for something that does not exist.
    case missingArtifact(cell: String, name: String, available: [String])
    /// A cell read a parameter the experiment does not declare, or with the wrong type.
    case parameterAccess(cell: String, name: String, problem: String)
    /// A run, run folder or cache entry could not be read or written.
    case storage(path: String, reason: String)
    /// A sweep point index outside 0..<count.
    case pointOutOfRange(experiment: String, point: Int, count: Int)
    /// `collect` found sweep points that have not run.
    case missingPoints(experiment: String, points: [Int])
    /// A claim (or a claim's alternative) names a metric no cell of the run recorded: a bug of the
    /// experiment, not a verdict on the source.
    case claimMetricNotRecorded(experiment: String, claim: String, metric: String, recorded: [String])
    /// Two runs that should be identical differ.
    case nondeterministic(experiment: String, cell: String, detail: String)
}

