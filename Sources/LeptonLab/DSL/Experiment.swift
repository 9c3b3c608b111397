/// An experiment notebook: a typed description of prose, parameters, profiles, cells,
/// sweeps, replicates and claims. It only describes; ``Runner`` executes it.
///
/// ```swift
/// private let epochs = Parameter("epochs", default: 5, range: 1...100, unit: "epochs")
/// private let accuracy = Metric("test.accuracy", polarity: .higherIsBetter)
/// let example = Experiment("tiny", title: "A tiny experiment") {
///     epochs
///     Profile("quick", epochs(2))
///     Markdown("Why this experiment exists.")
///     Cell("train") { ctx in ctx.record(accuracy, try ctx[epochs] > 1 ? 0.97 : 0.9) }
///     Claim(accuracy, expected: 0.98, tolerance: 0.01, source: "003-C14 (003 §5.4)")
/// }
/// ```
public struct Experiment: Sendable {
    /// The name used on the command line ("seed-cnn").
    public let id: String
    /// A one-line title.
    public let title: String
    /// A paragraph for listings and the report's subtitle.
    public let summary: String
    /// The description, in the order written.
    public let items: [ExperimentItem]

    /// An experiment built from the result-builder body.
    public init(_ id: String, title: String, summary: String = "", @ExperimentBuilder _ content: () -> [ExperimentItem]) {
        self.id = id
        self.title = title
        self.summary = summary
        self.items = content()
    }

    /// The declared parameters.
    public var parameters: [ParameterSpec] {
        items.compactMap { if case let .parameter(p) = $0 { return p } else { return nil } }
    }

    /// The declared profiles.
    public var profiles: [Profile] {
        items.compactMap { if case let .profile(p) = $0 { return p } else { return nil } }
    }

    /// The declared claims.
    public var claims: [Claim] {
        items.compactMap { if case let .claim(c) = $0 { return c } else { return nil } }
    }

    /// The declared regression thresholds.
    public var thresholds: [Threshold] {
        items.compactMap { if case let .threshold(t) = $0 { return t } else { return nil } }
    }

    /// The number of replicates (1 without `Seeds`).
    public var replicates: Int {
        items.reduce(1) { if case let .seeds(k) = $1 { return k } else { return $0 } }
    }

    /// The sweep, if any (an experiment has at most one).
    public var sweep: Sweep? {
        items.lazy.compactMap { if case let .sweep(s) = $0 { return s } else { return nil } }.first
    }

    /// Every cell, top-level and inside the sweep, in order.
    public var cells: [Cell] {
        items.flatMap { item -> [Cell] in
            switch item {
            case let .cell(c): return [c]
            case let .sweep(s): return s.cells
            default: return []
            }
        }
    }

    /// The description in order, as recorded in results.json for the report.
    public var layout: [LayoutItem] {
        items.compactMap { item -> LayoutItem? in
            switch item {
            case let .markdown(text): return .markdown(text)
            case let .cell(c): return .cell(c.name)
            case let .sweep(s): return .sweep(name: s.name, cells: s.cells.map(\.name))
            default: return nil
            }
        }
    }

    /// One line per parameter, for error messages and `lepton show`.
    public var parameterUsage: [String] { parameters.map(\.usage) }

    /// Checks the description as a whole before anything runs.
    public func validate() throws(LabError) {
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw invalid("the id '\(id)' must be letters, digits, '-' or '_'")
        }
        try validateNames()
        try validateSweep()
        try validateProfiles()
        try validateClaims()
    }

    private func invalid(_ problem: String) -> LabError { .invalidExperiment(experiment: id, problem: problem) }

    /// Unique parameter and cell names, defaults that fit their declarations, one sweep.
    private func validateNames() throws(LabError) {
        var names = Set<String>()
        for p in parameters {
            guard names.insert(p.name).inserted else { throw invalid("parameter '\(p.name)' is declared twice") }
            try p.validate(p.defaultValue, validList: parameterUsage)
        }
        var cellNames = Set<String>()
        for c in cells {
            guard cellNames.insert(c.name).inserted else { throw invalid("cell '\(c.name)' is declared twice") }
        }
        guard !cells.isEmpty else { throw invalid("it has no cells") }
        let sweeps = items.filter { if case .sweep = $0 { return true } else { return false } }
        guard sweeps.count <= 1 else { throw invalid("it has \(sweeps.count) sweeps; at most one is supported") }
        guard replicates >= 1 else { throw invalid("Seeds(\(replicates)) needs at least 1") }
    }

    /// Every value a sweep point, profile or claim condition sets must name a declared
    /// parameter and fit it.
    private func validateSettings(_ values: [String: ParameterValue], in place: String) throws(LabError) {
        for (k, v) in values {
            guard let spec = parameters.first(where: { $0.name == k }) else {
                throw invalid("\(place) sets '\(k)', which is not a declared parameter")
            }
            try spec.validate(v, validList: parameterUsage)
        }
    }

    private func validateSweep() throws(LabError) {
        guard let s = sweep else { return }
        guard !s.points.isEmpty else { throw invalid("sweep '\(s.name)' has no points") }
        guard !s.cells.isEmpty else { throw invalid("sweep '\(s.name)' has no cells") }
        for point in s.points { try validateSettings(point, in: "sweep '\(s.name)'") }
    }

    private func validateProfiles() throws(LabError) {
        var profileNames = Set<String>()
        for profile in profiles {
            guard profileNames.insert(profile.name).inserted else { throw invalid("profile '\(profile.name)' is declared twice") }
            try validateSettings(profile.values, in: "profile '\(profile.name)'")
        }
    }

    private func validateClaims() throws(LabError) {
        for claim in claims {
            try validateSettings(claim.conditions, in: "the claim on '\(claim.metric.name)' (its `when:`)")
        }
    }

    /// Resolves parameter values: defaults, then the profile, then `overrides`
    /// ("name=value" strings from `--set`), checking names, types and ranges.
    public func resolve(profile: String?, overrides: [String]) throws(LabError) -> [String: ParameterValue] {
        try resolveParameters(profile: profile, overrides: overrides).values
    }

    /// Resolves parameter values as ``resolve(profile:overrides:)`` does, with each value's
    /// origin and the profile applied: the one place `--profile` is looked up and `--set`
    /// strings are split.
    public func resolveParameters(profile: String?, overrides: [String]) throws(LabError) -> ResolvedParameters {
        var values: [String: ParameterValue] = [:]
        var origins: [String: ParameterOrigin] = [:]
        for p in parameters {
            values[p.name] = p.defaultValue
            origins[p.name] = sweptValues(p.name).isEmpty ? .default : .sweep
        }
        var applied: Profile?
        if let name = profile {
            guard let pr = profiles.first(where: { $0.name == name }) else {
                throw .unknownProfile(experiment: id, name: name, suggestion: Suggestion.closest(to: name, in: profiles.map(\.name)),
                                      known: profiles.map(\.name))
            }
            for (k, v) in pr.values { values[k] = v; origins[k] = .profile }
            applied = pr
        }
        for o in overrides {
            guard let eq = o.firstIndex(of: "=") else {
                throw .wrongType(parameter: o, value: o, expected: "name=value pair", valid: parameterUsage)
            }
            let key = String(o[..<eq]).trimmingCharacters(in: .whitespaces)
            let text = String(o[o.index(after: eq)...])
            guard let spec = parameters.first(where: { $0.name == key }) else {
                throw .unknownParameter(experiment: id, name: key, suggestion: Suggestion.closest(to: key, in: parameters.map(\.name)),
                                        valid: parameterUsage)
            }
            if let sweep, sweep.points.contains(where: { $0[key] != nil }) {
                throw .sweptParameter(experiment: id, name: key, sweep: sweep.name, values: sweptValues(key))
            }
            values[key] = try spec.parse(text, validList: parameterUsage)
            origins[key] = .set
        }
        return ResolvedParameters(values: values, origins: origins, profile: applied)
    }

    /// Whether the experiment declares a profile called `name`.
    public func hasProfile(_ name: String) -> Bool { profiles.contains { $0.name == name } }

    /// The distinct values the sweep gives `parameter`, in the order of its points (empty
    /// when the sweep does not set it).
    public func sweptValues(_ parameter: String) -> [String] {
        var seen = Set<String>()
        return (sweep?.points ?? []).compactMap { $0[parameter]?.description }.filter { seen.insert($0).inserted }
    }
}

import Foundation
