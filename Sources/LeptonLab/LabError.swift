/// Everything that can go wrong describing, planning or running an experiment. Each
/// message says what failed, where (experiment, cell, parameter, file) and what to do.
public enum LabError: Error, Equatable, Sendable {
    /// No experiment with this name is in the catalogue.
    case unknownExperiment(name: String, known: [String])
    /// `--set` named a parameter the experiment does not have.
    case unknownParameter(experiment: String, name: String, valid: [String])
    /// A value could not be read as the parameter's type.
    case wrongType(parameter: String, value: String, expected: String, valid: [String])
    /// A value lies outside the parameter's range or allowed set.
    case outOfRange(parameter: String, value: String, allowed: String, valid: [String])
    /// A profile that the experiment does not define.
    case unknownProfile(experiment: String, name: String, known: [String])
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
    /// Two runs that should be identical differ.
    case nondeterministic(experiment: String, cell: String, detail: String)
}

extension LabError: CustomStringConvertible {
    /// A message that says what failed, where, and what to do.
    public var description: String {
        func list(_ v: [String]) -> String { v.joined(separator: "\n  ") }
        switch self {
        case let .unknownExperiment(name, known):
            return "unknown experiment '\(name)'; known experiments: \(known.joined(separator: ", ")) (see `lepton list`)"
        case let .unknownParameter(experiment, name, valid):
            return "\(experiment) has no parameter '\(name)'. Valid parameters:\n  \(list(valid))"
        case let .wrongType(parameter, value, expected, valid):
            return "parameter '\(parameter)': '\(value)' is not a \(expected). Valid parameters:\n  \(list(valid))"
        case let .outOfRange(parameter, value, allowed, valid):
            return "parameter '\(parameter)': \(value) is outside \(allowed). Valid parameters:\n  \(list(valid))"
        case let .unknownProfile(experiment, name, known):
            return "\(experiment) has no profile '\(name)'; profiles: \(known.joined(separator: ", "))"
        case let .invalidExperiment(experiment, problem):
            return "experiment \(experiment): \(problem)"
        case let .cellFailed(experiment, cell, message):
            return "\(experiment), cell '\(cell)': \(message)"
        case let .missingArtifact(cell, name, available):
            return "cell '\(cell)' asked for artifact '\(name)', which no earlier cell saved"
                + (available.isEmpty ? "" : " (saved so far: \(available.joined(separator: ", ")))")
                + "; save it in an earlier cell with ctx.save(_:as:)"
        case let .parameterAccess(cell, name, problem):
            return "cell '\(cell)': parameter '\(name)' \(problem)"
        case let .storage(path, reason):
            return "\(path): \(reason)"
        case let .pointOutOfRange(experiment, point, count):
            return "\(experiment) has \(count) sweep points (0…\(count - 1)); --point \(point) is outside them"
        case let .missingPoints(experiment, points):
            return "\(experiment): sweep points \(points.map(String.init).joined(separator: ", ")) have not run yet; "
                + "run `lepton run \(experiment) --point I` for each (with the same --profile/--set/--seed), then collect again"
        case let .nondeterministic(experiment, cell, detail):
            return "\(experiment): cell '\(cell)' gave different outputs in two runs with the same seed: \(detail)"
        }
    }
}
