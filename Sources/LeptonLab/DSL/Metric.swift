/// A declared metric: its name, unit and polarity, declared once and used by cells
/// (`ctx.record(accuracy, 0.97)`), claims and thresholds, so a misspelt metric is a
/// compile error.
///
/// ```swift
/// private let accuracy = Metric("test.accuracy", polarity: .higherIsBetter)
/// private let p99 = Metric("p99", unit: "ms", polarity: .lowerIsBetter)
/// ctx.record(p99["adaptive"], 4.8)           // a family member: "p99.adaptive"
/// ```
public struct Metric: Sendable, Hashable {
    /// The name in results.json and on the command line ("test.accuracy").
    public let name: String
    /// The unit shown with values ("ms", "B"); nil for plain numbers and fractions.
    public let unit: String?
    /// Which direction of change is an improvement.
    public let polarity: Polarity
    /// True for wall-clock measurements, which vary between runs: left out of determinism
    /// checks and compared only on the same host class.
    public let measured: Bool
    /// True when its value is the same on every machine (counts, bytes, schedules,
    /// modelled-clock times): `lepton check` then compares it against a baseline from any
    /// host class as machine-independent.
    public let exact: Bool
    /// True for a discrete count read off where a curve first crosses a target (rounds to a
    /// target accuracy, epochs to early stopping), or a value computed from such counts: a
    /// last-bit difference in the curve can move it a whole step. Between runs of different
    /// numerics fingerprints `lepton check` allows it ±10 % (docs/RESULTS.md); between runs
    /// of the same fingerprint it is compared exactly, as every deterministic metric.
    public let crossing: Bool
    /// What it measures.
    public let help: String

    /// A metric.
    public init(_ name: String, unit: String? = nil, polarity: Polarity = .neutral, measured: Bool = false, exact: Bool = false,
                crossing: Bool = false, help: String = "") {
        self.name = name
        self.unit = unit
        self.polarity = polarity
        self.measured = measured
        self.exact = exact && !measured
        self.crossing = crossing && !measured
        self.help = help
    }

    /// The member `key` of this metric family, named "<name>.<key>", with the same unit
    /// and polarity (per policy, per bandwidth, per task).
    public subscript(_ key: String) -> Metric {
        Metric("\(name).\(key)", unit: unit, polarity: polarity, measured: measured, exact: exact, crossing: crossing, help: help)
    }

    /// The same metric, marked as a wall-clock measurement or not (for metrics whose clock
    /// is a parameter: modelled or measured).
    public func measured(_ isMeasured: Bool) -> Metric {
        Metric(name, unit: unit, polarity: polarity, measured: isMeasured, exact: exact, crossing: crossing, help: help)
    }
}
