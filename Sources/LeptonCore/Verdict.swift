/// The outcome of checking a claim: one type for run records (`"reproduced"`,
/// `"not reproduced"`, `"inconclusive"` in results.json) and reports.
public enum Verdict: String, Hashable, Sendable, Codable {
    /// The run reproduced the claimed value within tolerance.
    case reproduced
    /// The run contradicts the claim.
    case notReproduced = "not reproduced"
    /// The run cannot decide (too noisy, missing data, other conditions).
    case inconclusive
}
