/// A claim from a source (paper, README) checked by a run.
public struct Claim: Hashable, Sendable {
    /// The outcome of checking a claim.
    public enum Verdict: String, Hashable, Sendable {
        /// The run reproduced the claimed value within tolerance.
        case reproduced
        /// The run contradicts the claim.
        case notReproduced = "not reproduced"
        /// The run cannot decide (too noisy, missing data).
        case inconclusive
    }

    /// What is claimed, for example "Test accuracy".
    public var subject: String
    /// The claimed value, as stated.
    public var claimed: String
    /// The value this run measured.
    public var reproduced: String
    /// The verdict.
    public var verdict: Verdict
    /// Where the claim comes from, for example "003 §5.4".
    public var source: String

    /// A claim.
    public init(_ subject: String, claimed: String, reproduced: String, verdict: Verdict, source: String) {
        self.subject = subject
        self.claimed = claimed
        self.reproduced = reproduced
        self.verdict = verdict
        self.source = source
    }
}
