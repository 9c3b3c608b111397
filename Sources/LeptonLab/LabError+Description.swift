extension LabError: CustomStringConvertible {
    /// A message that says what failed, where, and what to do.
    public var description: String {
        func list(_ v: [String]) -> String { v.joined(separator: "\n  ") }
        func didYouMean(_ s: String?) -> String { s.map { "; did you mean '\($0)'?" } ?? "" }
        switch self {
        case let .unknownExperiment(name, suggestion, known):
            return "unknown experiment '\(name)'\(didYouMean(suggestion)); known experiments: \(known.joined(separator: ", ")) (see `lepton list`)"
        case let .unknownParameter(experiment, name, suggestion, valid):
            return "\(experiment) has no parameter '\(name)'\(didYouMean(suggestion)). Valid parameters:\n  \(list(valid))"
        case let .wrongType(parameter, value, expected, valid):
            let article = expected.first.map { "aeiou".contains($0) } == true ? "an" : "a"
            return "parameter '\(parameter)': '\(value)' is not \(article) \(expected). Valid parameters:\n  \(list(valid))"
        case let .outOfRange(parameter, value, allowed, valid):
            return "parameter '\(parameter)': \(value) is outside \(allowed). Valid parameters:\n  \(list(valid))"
        case let .sweptParameter(experiment, name, sweep, values):
            return "--set \(name)=…: \(experiment)'s sweep '\(sweep)' sets '\(name)' at every point (\(values.joined(separator: ", "))), "
                + "so a value given with --set would not be used; change the values in the Sweep(…) of the lab, "
                + "or --set another parameter"
        case let .unknownProfile(experiment, name, suggestion, known):
            return "\(experiment) has no profile '\(name)'\(didYouMean(suggestion)); profiles: \(known.joined(separator: ", "))"
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
            let which = points.count == 1 ? "sweep point \(points[0]) has" : "sweep points \(points.map(String.init).joined(separator: ", ")) have"
            return "\(experiment): \(which) not run yet; "
                + "run `lepton run \(experiment) --point I` for each (with the same --profile/--set/--seed), then collect again"
        case let .claimMetricNotRecorded(experiment, claim, metric, recorded):
            return "\(experiment): the claim '\(claim)' is about metric '\(metric)', which no cell recorded "
                + "(an experiment bug, not a verdict on the source); record it with ctx.record(_:_:) or fix the claim's metric"
                + (recorded.isEmpty ? "" : ". Recorded top-level metrics: \(recorded.prefix(12).joined(separator: ", "))")
        case let .nondeterministic(experiment, cell, detail):
            return "\(experiment): cell '\(cell)' gave different outputs in two runs with the same seed: \(detail)"
        }
    }
}
