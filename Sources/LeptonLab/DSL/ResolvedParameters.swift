/// Where a parameter's value came from, resolved once (``Experiment/resolveParameters(profile:overrides:)``)
/// and carried to the run's record.
public enum ParameterOrigin: String, Sendable, Codable, CaseIterable {
    /// The parameter's declared default.
    case `default`
    /// The profile chosen with `--profile`.
    case profile
    /// A `--set name=value` override.
    case set
    /// The sweep sets it at each point.
    case sweep
}

/// An experiment's parameter values for one run — defaults, then the profile, then `--set`
/// — with each value's origin and the profile applied.
public struct ResolvedParameters: Sendable {
    /// Each parameter's value, by name.
    public let values: [String: ParameterValue]
    /// Where each value came from, by name (``ParameterOrigin/sweep`` for swept parameters).
    public let origins: [String: ParameterOrigin]
    /// The profile applied, if any.
    public let profile: Profile?
}
