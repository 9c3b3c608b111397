extension Heuristic {
    /// The name people read — in `lepton schedule`'s output, reports, charts and tables:
    /// "greedy", "min-min", "max-min", "heft" (the raw value stays the key of metrics and JSON).
    public var name: String {
        switch self {
        case .greedy: return "greedy"
        case .minMin: return "min-min"
        case .maxMin: return "max-min"
        case .heft: return "heft"
        }
    }
}

extension Objective {
    /// The name on a command line or in a profile: "makespan", "weighted-completion", "mean-latency".
    public var name: String {
        switch self {
        case .makespan: return "makespan"
        case .weightedCompletionTime: return "weighted-completion"
        case .meanLatency: return "mean-latency"
        }
    }

    /// The objective called `name` (``name``), nil for any other.
    public init?(name: String) {
        guard let match = Objective.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }
}
