/// What differs between two runs besides their metrics — source, profile, seed, number
/// of seeds, parameters, machine — so a comparison opens with the reason a metric may
/// have moved ("epochs: 3 → 1 (--set)") before any metric.
public enum RunDifferences {
    /// One line per difference between `a` (the reference) and `b`; empty when none.
    public static func lines(_ a: RunRecord, _ b: RunRecord) -> [String] {
        var lines: [String] = []
        switch (a.source, b.source) {
        case let (x?, y?) where x.key != y.key:
            lines.append("source: \(x.label) → \(y.label) (different lab files or modules)")
        case let (x?, y?) where x.sha256 != y.sha256:
            lines.append("source: \(x.file ?? x.label) edited, SHA-256 \(x.sha256?.prefix(12) ?? "?")… → \(y.sha256?.prefix(12) ?? "?")…")
        case let (x?, nil): lines.append("source: \(x.label) → not recorded")
        case let (nil, y?): lines.append("source: not recorded → \(y.label)")
        default: break
        }
        if a.experiment != b.experiment { lines.append("experiment: \(a.experiment) → \(b.experiment)") }
        if a.profile != b.profile { lines.append("profile: \(a.profile ?? "default") → \(b.profile ?? "default")") }
        if a.seed != b.seed { lines.append("seed: \(a.seed) → \(b.seed)") }
        if a.replicates != b.replicates { lines.append("seeds (replicates): \(a.replicates) → \(b.replicates)") }
        let before = Dictionary(a.parameters.map { ($0.name, $0) }, uniquingKeysWith: { x, _ in x })
        for p in b.parameters {
            guard let old = before[p.name] else { lines.append("parameter \(p.name): new, \(p.value)"); continue }
            if old.value != p.value {
                lines.append("parameter \(p.name): \(old.value) → \(p.value)\(p.origin == .set ? " (--set)" : " (\(p.origin.rawValue))")")
            }
        }
        for p in a.parameters where !b.parameters.contains(where: { $0.name == p.name }) {
            lines.append("parameter \(p.name): \(p.value) → removed")
        }
        let hostA = Baselines.hostClass(of: a.environment), hostB = Baselines.hostClass(of: b.environment)
        if hostA != hostB { lines.append("machine: \(hostA) → \(hostB)") }
        return lines
    }
}
