/// Where a claim's computed value comes from — what kind of evidence its verdict is.
///
/// - `measured`: real compute on this machine (training, inference, wall clock, real bytes);
/// - `modelled`: the emulator or a declared cost model, every assumed constant named with
///   its source; a verdict that flips under an ``Alternative`` (the measured clock, the
///   constant's plausible range) is *inconclusive*, never reproduced;
/// - `arithmetic`: the document's own printed numbers put through its own formulas;
/// - `definitional`: true by construction (int8 is a quarter of float32, Lepton's own
///   serialiser round-trips, a layer list typed in by hand) — shown, never counted as
///   reproduced (verdict ``Verdict/definitional``).
public enum Provenance: Sendable, Equatable {
    /// Real compute on this machine; `what` says what ran ("CNN trained on the digits, 3 seeds").
    case measured(String)
    /// The emulator or a cost model, with every assumed constant the value depends on.
    case modelled([Assumption])
    /// The document's printed numbers (`printed` names them: "003 §4.3's tables").
    case arithmetic(printed: String)
    /// True by construction; `why` says which definition makes it true.
    case definitional(why: String)

    /// The kind alone, as results.json and the ledger write it.
    public var kind: ProvenanceKind {
        switch self {
        case .measured: return .measured
        case .modelled: return .modelled
        case .arithmetic: return .arithmetic
        case .definitional: return .definitional
        }
    }

    /// One sentence on where the value comes from (the assumptions with their sources).
    public var detail: String {
        switch self {
        case let .measured(what): return "measured: \(what)"
        case let .modelled(assumptions):
            return "modelled, assuming " + assumptions.map(\.description).joined(separator: "; ")
        case let .arithmetic(printed): return "arithmetic on the document's printed numbers: \(printed)"
        case let .definitional(why): return "true by construction: \(why)"
        }
    }
}

/// The four kinds of ``Provenance``.
public enum ProvenanceKind: String, Sendable, Codable, CaseIterable {
    /// Real compute on this machine.
    case measured
    /// The emulator or a cost model with named assumed constants.
    case modelled
    /// The document's own printed numbers.
    case arithmetic
    /// True by construction; never counted as reproduced.
    case definitional
}

/// An assumed constant a modelled value depends on: "int8Speedup = 2 (LeptonEmulation.Tier,
/// Lepton's assumption; plausible 0.15–4)".
public struct Assumption: Sendable, Equatable, CustomStringConvertible {
    /// The constant's name ("int8Speedup", "edge-gflops").
    public var name: String
    /// Its value as used, with unit ("2", "5 GFLOP/s").
    public var value: String
    /// Where the value comes from ("Lepton's assumption", "a Raspberry Pi 4 datasheet").
    public var source: String
    /// The range a sceptical reader would accept ("1–50 GFLOP/s"); nil when not stated.
    public var plausible: String?

    /// An assumed constant.
    public init(_ name: String, _ value: String, source: String, plausible: String? = nil) {
        self.name = name
        self.value = value
        self.source = source
        self.plausible = plausible
    }

    /// "int8Speedup = 2 (Lepton's assumption; plausible 0.15–4)".
    public var description: String {
        "\(name) = \(value) (\(source)\(plausible.map { "; plausible \($0)" } ?? ""))"
    }
}

/// The same claim judged on another metric that the experiment records under another
/// assumption (the measured clock, the low or high end of a constant's plausible range).
/// When the verdict there differs from the main one, the claim is *inconclusive* and the
/// reason gives both figures.
public struct Alternative: Sendable {
    /// The metric recorded under the other assumption.
    public var metric: Metric
    /// The assumption, in words ("measured clock", "edge-gflops = 50").
    public var label: String

    /// The claim judged on `metric` as well, recorded under `label`.
    public init(_ metric: Metric, _ label: String) {
        self.metric = metric
        self.label = label
    }
}

/// A threshold, deadline, data size or grid Lepton chose because the document gives none:
/// shown as "Lepton's choice" beside the claim, with a sensitivity check. For a chosen bound
/// of the accepted range the break-even is the computed value itself; when it lies inside
/// `plausible` the verdict flips within a reasonable choice and the claim is *inconclusive*.
public struct Choice: Sendable, Equatable {
    /// Which bound of the accepted range the choice sets, if any.
    public enum Bound: String, Sendable, Codable {
        /// The accepted range's lower bound.
        case lower
        /// The accepted range's upper bound.
        case upper
    }
    /// What was chosen, in words ("a 2-point accuracy budget").
    public var what: String
    /// The bound it sets; nil for a choice that is not a bound (a data size, a grid).
    public var bound: Bound?
    /// Values of that bound a reasonable reader might have chosen instead.
    public var plausible: ClosedRange<Double>?

    /// A choice that sets `bound` of the accepted range; `plausible` are other reasonable values.
    public init(_ what: String, bound: Bound, plausible: ClosedRange<Double>) {
        self.what = what
        self.bound = bound
        self.plausible = plausible
    }

    /// A choice that is not a bound of the accepted range (a data size, a grid, a workload).
    public init(_ what: String) {
        self.what = what
        self.bound = nil
        self.plausible = nil
    }
}
