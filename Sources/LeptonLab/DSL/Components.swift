/// A named set of parameter values — `quick` for CI and classrooms, `full` for the
/// paper's scale: `Profile("quick", dataset("digits"), epochs(3))`. Precedence:
/// defaults < profile < `--set`.
public struct Profile: ExperimentComponent, Sendable {
    /// The name given to `--profile`.
    public let name: String
    /// The values it sets, by parameter name.
    public let values: [String: ParameterValue]
    /// What it is for.
    public let help: String
    /// Seeds (replicates) under this profile, overriding `Seeds(k)`; nil keeps the experiment's.
    /// `--seeds` overrides both.
    public let seeds: Int?
    /// This profile, as one experiment item.
    public var items: [ExperimentItem] { [.profile(self)] }

    /// A profile setting `settings`, optionally with its own number of `seeds`.
    public init(_ name: String, _ settings: ParameterSetting..., seeds: Int? = nil, help: String = "") {
        self.name = name
        self.values = settings.dictionary
        self.seeds = seeds
        self.help = help
    }
}

/// Prose, in the report's safe Markdown subset.
public struct Markdown: ExperimentComponent {
    /// The Markdown text.
    public let text: String
    /// This prose, as one experiment item.
    public var items: [ExperimentItem] { [.markdown(text)] }
    /// A prose block.
    public init(_ text: String) { self.text = text }
}

/// Runs the experiment `count` times with seeds seed, seed+1, …; metrics are reported as
/// mean ± standard deviation with a 95 % interval, and claims are judged on the interval.
public struct Seeds: ExperimentComponent {
    /// The number of replicates.
    public let count: Int
    /// The replicate count, as one experiment item.
    public var items: [ExperimentItem] { [.seeds(count)] }
    /// `count` replicates.
    public init(_ count: Int) { self.count = count }
}

/// A step of the experiment that computes and records metrics, tables, charts and
/// artifacts. It is rerun when the code it can execute changed (see ``CodeIdentity``) or
/// when any input it read (parameters, the seed, data checksums, artifacts, sweep
/// results) has another value; otherwise its outputs come from the cache.
public struct Cell: ExperimentComponent {
    /// The name shown in progress, reports and errors; unique in the experiment.
    public let name: String
    /// The file that declares it (`#filePath`), to find its body in the source manifest.
    public let file: String
    /// The line that declares it.
    public let line: Int
    /// The code.
    public let body: @Sendable (CellContext) throws -> Void
    /// This cell, as one experiment item.
    public var items: [ExperimentItem] { [.cell(self)] }

    /// A cell.
    public init(_ name: String, file: String = #filePath, line: Int = #line,
                _ body: @escaping @Sendable (CellContext) throws -> Void) {
        self.name = name
        self.file = file
        self.line = line
        self.body = body
    }
}

/// Runs its cells once per point: an explicit list of points (as a paper's table needs),
/// the values of one parameter, or a grid. Each point's metrics are recorded with the
/// point. Only cells may stand inside a sweep.
public struct Sweep: ExperimentComponent {
    /// The sweep's name.
    public let name: String
    /// Each point's parameter values.
    public let points: [[String: ParameterValue]]
    /// The cells run at every point.
    public let cells: [Cell]
    /// This sweep, as one experiment item.
    public var items: [ExperimentItem] { [.sweep(self)] }

    /// A sweep over the explicit `points`: `[[width(16), slope(0.1)], [width(64), slope(0.1)]]`.
    public init(_ name: String, points: [[ParameterSetting]], @SweepBuilder _ content: () -> [Cell]) {
        self.name = name
        self.points = points.map(\.dictionary)
        self.cells = content()
    }

    /// A sweep over the values of one parameter: `Sweep("width", over: width, [4, 16, 64])`.
    public init<V>(_ name: String, over parameter: Parameter<V>, _ values: [V], @SweepBuilder _ content: () -> [Cell]) {
        self.init(name, points: values.map { [parameter($0)] }, content)
    }

    /// A sweep over every combination of the settings' values (the first list varies slowest).
    public init(_ name: String, grid: [[ParameterSetting]], @SweepBuilder _ content: () -> [Cell]) {
        var points: [[ParameterSetting]] = [[]]
        for axis in grid { points = points.flatMap { p in axis.map { p + [$0] } } }
        self.init(name, points: points, content)
    }
}

/// A statement about a metric and the values that count as reproducing it: a *claim* from
/// a source document (a seed section, a paper) or a *check*, a target the project set
/// itself. Both get a computed verdict; only claims are attributed to a source.
public struct Claim: ExperimentComponent, Sendable {
    /// Claims come from a source; checks are the project's own targets.
    public enum Kind: String, Sendable, Codable {
        /// From a source document or paper.
        case claim
        /// A target Lepton's authors set (not attributed to any source).
        case check
    }
    /// The metric the claim is about.
    public let metric: Metric
    /// The claimed value used to judge (the middle of the accepted range for a direction).
    public let expected: Double
    /// Reproduced when the value (or, with several seeds, its 95 % interval) lies in this range.
    public let accepted: ClosedRange<Double>
    /// Where the claimed value comes from ("003-C14 (003 §5.4)"); for a check, why the target.
    public let source: String
    /// Parameter values under which the claim was made; other runs give "inconclusive".
    public let conditions: [String: ParameterValue]
    /// A short statement of the claim: Lepton's reading of the document.
    public let statement: String
    /// Claim or check.
    public let kind: Kind
    /// What the document itself claims, as shown in the "Claimed" column: a number only where
    /// the document prints one ("0.9862", "~15 s per epoch"), else the direction ("lower", "faster").
    public let claimedText: String?
    /// What kind of evidence the computed value is, with its assumptions; nil when the author
    /// did not say (shown as "undeclared"; every shipped claim declares it).
    public let provenance: Provenance?
    /// Thresholds, deadlines, data sizes or grids Lepton chose (the document gives none).
    public let choices: [Choice]
    /// The same claim judged under other assumptions; a flip makes it inconclusive.
    public let alternatives: [Alternative]
    /// This claim, as one experiment item.
    public var items: [ExperimentItem] { [.claim(self)] }

    /// A claim `metric ≈ expected ± tolerance`. `claimed` is what the document prints (a number
    /// only where it prints one, else the direction); `provenance` what kind of evidence the
    /// value is; `choices` what Lepton chose that the document does not give; `alternatives`
    /// the same metric under other assumptions.
    public init(_ metric: Metric, expected: Double, tolerance: Double, source: String, claimed: String? = nil,
                provenance: Provenance? = nil, choices: [Choice] = [], alternatives: [Alternative] = [],
                when conditions: [ParameterSetting] = [], statement: String? = nil) {
        self.init(metric, expected: expected, interval: (expected - tolerance)...(expected + tolerance), source: source,
                  claimed: claimed, provenance: provenance, choices: choices, alternatives: alternatives, when: conditions,
                  statement: statement ?? "\(metric.name) = \(ParameterValue.format(expected)) ± \(ParameterValue.format(tolerance))")
    }

    /// A claim that `metric` lies in `interval` (see the other initialiser for the labels).
    public init(_ metric: Metric, expected: Double, interval: ClosedRange<Double>, source: String, claimed: String? = nil,
                provenance: Provenance? = nil, choices: [Choice] = [], alternatives: [Alternative] = [],
                when conditions: [ParameterSetting] = [], statement: String? = nil) {
        self.init(kind: .claim, metric: metric, expected: expected, interval: interval, source: source,
                  conditions: conditions.dictionary, statement: statement, claimedText: claimed, provenance: provenance,
                  choices: choices, alternatives: alternatives)
    }

    init(kind: Kind, metric: Metric, expected: Double, interval: ClosedRange<Double>, source: String,
         conditions: [String: ParameterValue], statement: String?, claimedText: String?, provenance: Provenance?,
         choices: [Choice], alternatives: [Alternative]) {
        self.kind = kind
        self.metric = metric
        self.expected = expected
        self.accepted = interval
        self.source = source
        self.conditions = conditions
        self.statement = statement ?? "\(metric.name) in [\(ParameterValue.format(interval.lowerBound)), \(ParameterValue.format(interval.upperBound))]"
        self.claimedText = claimedText
        self.provenance = provenance
        self.choices = choices
        self.alternatives = alternatives
    }
}

/// A target the project set itself ("int8 is at most 0.3× the float32 size"), judged like
/// a claim but shown as a check, never attributed to a source document.
public struct Check: ExperimentComponent, Sendable {
    /// The check, as a claim of kind `.check`.
    public let claim: Claim
    /// The check, as one claim item of kind `.check`.
    public var items: [ExperimentItem] { [.claim(claim)] }

    /// A check that `metric` lies in `interval`; `target` is the value aimed at (the
    /// interval's middle when not given); `rationale` says why this target.
    public init(_ metric: Metric, interval: ClosedRange<Double>, target: Double? = nil, rationale: String,
                provenance: Provenance? = nil, when conditions: [ParameterSetting] = [], statement: String? = nil) {
        let middle = interval.upperBound.isFinite ? (interval.lowerBound.isFinite ? (interval.lowerBound + interval.upperBound) / 2 : interval.upperBound)
            : interval.lowerBound
        let expected = target ?? middle
        claim = Claim(kind: .check, metric: metric, expected: expected, interval: interval, source: rationale,
                      conditions: conditions.dictionary, statement: statement, claimedText: "Lepton's target",
                      provenance: provenance, choices: [], alternatives: [])
    }
}
