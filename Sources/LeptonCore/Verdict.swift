/// The outcome of checking a claim: one type for run records (`"reproduced"`,
/// `"not reproduced"`, `"inconclusive"`, `"definitional"` in results.json) and reports.
public enum Verdict: String, Hashable, Sendable, Codable {
    /// The run reproduced the claimed value within tolerance.
    case reproduced
    /// The run contradicts the claim.
    case notReproduced = "not reproduced"
    /// The run cannot decide (too noisy, other conditions, a verdict that flips under another
    /// assumption or a reasonable choice of threshold).
    case inconclusive
    /// The value holds by construction (int8 is a quarter of float32; Lepton's own serialiser
    /// round-trips): shown, but it tests nothing the document states and is never counted as
    /// reproduced.
    case definitional
}
