import LeptonCore
/// One claimed number (or ordering, or allocation) next to the value the code computes from the inputs.
public struct ClaimCheck: Hashable, Sendable, Codable {
    /// What is checked, e.g. "priority P_1 (weighted sum)".
    public var name: String
    /// The claim as the source states it.
    public var claimed: String
    /// The computed value, formatted; "—" when not computable.
    public var computed: String
    /// The claim as a number, when it is one.
    public var claimedValue: Double?
    /// The computed number, when there is one.
    public var computedValue: Double?
    /// The tolerance used, described (e.g. "±0.05 (half a unit of the claim's last digit)").
    public var tolerance: String
    /// The verdict.
    public var verdict: Verdict
    /// How the computed side was obtained (formula, reading, assumptions).
    public var note: String

    /// A numeric check: reproduced when |computed − claimed| ≤ half a unit of the claim's last printed digit.
    ///
    /// `claimed` is the claim's text as printed ("2.4", "1.75", "18"), so its precision is known.
    public static func numeric(_ name: String, claimed: String, computed: Double?, note: String) -> ClaimCheck {
        let claimedValue = Double(claimed)
        let decimals = claimed.split(separator: ".").dropFirst().first?.count ?? 0
        var halfUnit = 0.5
        for _ in 0..<decimals { halfUnit /= 10 }
        let verdict: Verdict
        if let computed, let claimedValue {
            verdict = abs(computed - claimedValue) <= halfUnit * (1 + 1e-12) ? .reproduced : .notReproduced
        } else {
            verdict = .inconclusive
        }
        return ClaimCheck(name: name, claimed: claimed, computed: computed.map(format) ?? "—",
                          claimedValue: claimedValue, computedValue: computed,
                          tolerance: "±\(format(halfUnit)) (half a unit of the claim's last digit)",
                          verdict: verdict, note: note)
    }

    /// An exact check of a non-numeric outcome (an ordering, an allocation).
    public static func exact(_ name: String, claimed: String, computed: String, note: String) -> ClaimCheck {
        ClaimCheck(name: name, claimed: claimed, computed: computed, claimedValue: nil, computedValue: nil,
                   tolerance: "exact match", verdict: claimed == computed ? .reproduced : .notReproduced, note: note)
    }

    /// A number with up to 4 significant decimals and no trailing zeros.
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let scaled = (value * 10_000).rounded() / 10_000
        if scaled == scaled.rounded() && abs(scaled) < 1e15 { return String(Int(scaled)) }
        return "\(scaled)"
    }
}
