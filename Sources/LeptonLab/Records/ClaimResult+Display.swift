import Foundation

extension ClaimResult {
    /// The "Claimed" column: what the document prints (a number only where it prints one,
    /// else the direction); the claimed value itself for records written before it was kept.
    public var claimedDisplay: String {
        claimedText ?? ParameterValue.format(claimed)
    }

    /// The computed value with its unit ("15000 ms", "0.961"), with the 95 % interval over
    /// several seeds; "—" when nothing was computed.
    public var computedDisplay: String {
        guard let value = reproduced else { return "—" }
        var text = format(value) + (unit.map { $0 == "×" ? "×" : " \($0)" } ?? "")
        if n > 1, let low = intervalLow, let high = intervalHigh {
            text += " (95 % interval \(format(low))–\(format(high)), \(n) seeds)"
        }
        return text
    }

    /// "measured", "modelled", "arithmetic", "definitional"; "undeclared" for a claim that did
    /// not say; empty for a check without one.
    public var provenanceLabel: String {
        provenance?.rawValue ?? (kind == .check ? "" : "undeclared")
    }
}

/// Verdict counts with reproduced split by provenance: what `lepton reproduce` and the ledger
/// quote ("54 reproduced: 20 measured, 10 modelled, 24 arithmetic; 6 definitional, not counted").
public struct ClaimCounts: Sendable, Equatable {
    /// Claims counted.
    public var total = 0
    /// Reproduced claims per provenance kind (nil key: undeclared).
    public var reproduced: [ProvenanceKind?: Int] = [:]
    /// Not reproduced, inconclusive and definitional claims.
    public var notReproduced = 0, inconclusive = 0, definitional = 0

    /// The counts of `results`.
    public init(_ results: [ClaimResult]) {
        total = results.count
        for r in results {
            switch r.verdict {
            case .reproduced: reproduced[r.provenance, default: 0] += 1
            case .notReproduced: notReproduced += 1
            case .inconclusive: inconclusive += 1
            case .definitional: definitional += 1
            }
        }
    }

    /// All reproduced claims.
    public var reproducedTotal: Int { reproduced.values.reduce(0, +) }

    /// One sentence: "115 claims: 54 reproduced (20 measured, 10 modelled, 24 arithmetic),
    /// 30 not reproduced, 25 inconclusive, 6 definitional (true by construction, not counted as reproduced)".
    public var sentence: String {
        let kinds: [ProvenanceKind?] = ProvenanceKind.allCases.map { $0 } + [nil]
        let split = kinds.compactMap { k -> String? in
            guard let n = reproduced[k], n > 0 else { return nil }
            return "\(n) \(k?.rawValue ?? "undeclared")"
        }
        return "\(total) claims: \(reproducedTotal) reproduced" + (split.isEmpty ? "" : " (\(split.joined(separator: ", ")))")
            + ", \(notReproduced) not reproduced, \(inconclusive) inconclusive, \(definitional) definitional "
            + "(true by construction, not counted as reproduced)"
    }
}
