/// Declares a parameter: its default fixes the type. Set from the command line with
/// `--set name=value` or by a profile; read in a cell with `ctx.int("name")` etc.
public struct Parameter: ExperimentComponent {
    public let spec: ParameterSpec
    public var items: [ExperimentItem] { [.parameter(spec)] }

    /// An integer parameter.
    public init(_ name: String, default value: Int, range: ClosedRange<Int>? = nil, unit: String? = nil, help: String = "") {
        spec = ParameterSpec(name: name, defaultValue: .int(value), unit: unit,
                             range: range.map { Double($0.lowerBound)...Double($0.upperBound) }, allowed: nil, help: help)
    }

    /// A real-valued parameter.
    public init(_ name: String, default value: Double, range: ClosedRange<Double>? = nil, unit: String? = nil, help: String = "") {
        spec = ParameterSpec(name: name, defaultValue: .double(value), unit: unit, range: range, allowed: nil, help: help)
    }

    /// A text parameter, optionally restricted to `allowed` values.
    public init(_ name: String, default value: String, allowed: [String]? = nil, help: String = "") {
        spec = ParameterSpec(name: name, defaultValue: .string(value), unit: nil, range: nil, allowed: allowed, help: help)
    }

    /// A true/false parameter.
    public init(_ name: String, default value: Bool, help: String = "") {
        spec = ParameterSpec(name: name, defaultValue: .bool(value), unit: nil, range: nil, allowed: nil, help: help)
    }

    /// A list-of-numbers parameter (for instance the bandwidths a cell loops over).
    public init(_ name: String, default value: [Double], range: ClosedRange<Double>? = nil, unit: String? = nil, help: String = "") {
        spec = ParameterSpec(name: name, defaultValue: .doubles(value), unit: unit, range: range, allowed: nil, help: help)
    }
}

/// A named set of parameter values — `quick` for CI and classrooms, `full` for the
/// paper's scale. Precedence: defaults < profile < `--set`.
public struct Profile: ExperimentComponent, Sendable {
    public let name: String
    public let values: [String: ParameterValue]
    public let help: String
    public var items: [ExperimentItem] { [.profile(self)] }

    /// A profile overriding `values`.
    public init(_ name: String, _ values: [String: ParameterValue], help: String = "") {
        self.name = name
        self.values = values
        self.help = help
    }
}

/// Prose, in the report's safe Markdown subset.
public struct Markdown: ExperimentComponent {
    public let text: String
    public var items: [ExperimentItem] { [.markdown(text)] }
    /// A prose block.
    public init(_ text: String) { self.text = text }
}

/// Runs the experiment `count` times with seeds seed, seed+1, …; metrics are reported as
/// mean ± standard deviation with a 95 % interval, and claims are judged on the interval.
public struct Seeds: ExperimentComponent {
    public let count: Int
    public var items: [ExperimentItem] { [.seeds(count)] }
    /// `count` replicates.
    public init(_ count: Int) { self.count = count }
}

/// A step of the experiment that computes and records metrics, tables, charts and
/// artifacts. Its cache key covers its source text (found from where it is declared),
/// its `version`, the parameters and artifacts it actually reads, the seed, data
/// checksums and Lepton's version.
public struct Cell: ExperimentComponent {
    public let name: String
    public let version: Int
    public let file: String
    public let line: Int
    public let body: @Sendable (CellContext) throws -> Void
    public var items: [ExperimentItem] { [.cell(self)] }

    /// A cell; bump `version` to force a rerun after changing code the cell calls.
    public init(_ name: String, version: Int = 1, file: String = #filePath, line: Int = #line,
                _ body: @escaping @Sendable (CellContext) throws -> Void) {
        self.name = name
        self.version = version
        self.file = file
        self.line = line
        self.body = body
    }
}

/// Runs its cells once per point: a grid over parameters, or an explicit list of points
/// (as a paper's table needs). Each point's metrics are recorded with the point.
public struct Sweep: ExperimentComponent {
    public let name: String
    public let points: [[String: ParameterValue]]
    public let cells: [Cell]
    public var items: [ExperimentItem] { [.sweep(self)] }

    /// A sweep over the explicit `points`.
    public init(_ name: String, points: [[String: ParameterValue]], @ExperimentBuilder _ content: () -> [ExperimentItem]) {
        self.name = name
        self.points = points
        self.cells = content().compactMap { if case let .cell(c) = $0 { return c } else { return nil } }
    }

    /// A sweep over every combination of the values in `grid` (keys in sorted order, the
    /// last key varying fastest).
    public init(_ name: String, grid: [String: [ParameterValue]], @ExperimentBuilder _ content: () -> [ExperimentItem]) {
        var points: [[String: ParameterValue]] = [[:]]
        for key in grid.keys.sorted() {
            points = points.flatMap { p in (grid[key] ?? []).map { v in p.merging([key: v]) { $1 } } }
        }
        self.init(name, points: points, content)
    }
}

/// A claim from a source document about a metric, with the tolerance within which a
/// computed value counts as reproducing it.
public struct Claim: ExperimentComponent, Sendable {
    /// The metric the claim is about.
    public let metric: String
    /// The claimed value.
    public let expected: Double
    /// Reproduced when the value (or, with several seeds, its 95 % interval) lies in this range.
    public let accepted: ClosedRange<Double>
    /// Where the claim comes from ("003 §5.4").
    public let source: String
    /// Parameter values under which the claim was made; other runs give "inconclusive".
    public let conditions: [String: ParameterValue]
    /// A short statement of the claim.
    public let statement: String
    public var items: [ExperimentItem] { [.claim(self)] }

    /// A claim `metric ≈ expected ± tolerance`.
    public init(_ metric: String, expected: Double, tolerance: Double, source: String,
                when conditions: [String: ParameterValue] = [:], statement: String? = nil) {
        self.metric = metric
        self.expected = expected
        self.accepted = (expected - tolerance)...(expected + tolerance)
        self.source = source
        self.conditions = conditions
        self.statement = statement ?? "\(metric) = \(ParameterValue.format(expected)) ± \(ParameterValue.format(tolerance))"
    }

    /// A claim that `metric` lies in `interval`.
    public init(_ metric: String, expected: Double, interval: ClosedRange<Double>, source: String,
                when conditions: [String: ParameterValue] = [:], statement: String? = nil) {
        self.metric = metric
        self.expected = expected
        self.accepted = interval
        self.source = source
        self.conditions = conditions
        self.statement = statement ?? "\(metric) in [\(ParameterValue.format(interval.lowerBound)), \(ParameterValue.format(interval.upperBound))]"
    }
}
