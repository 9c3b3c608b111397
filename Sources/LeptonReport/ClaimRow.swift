@_exported import LeptonCore

/// One row of a report's claims table: a claim from a source (paper, README) as a report
/// shows it, with its text, values and verdict. (The claim a lab declares is LeptonLab's `Claim`.)
public struct ClaimRow: Hashable, Sendable {
    /// The outcome of checking a claim (``LeptonCore/Verdict``).
    public typealias Verdict = LeptonCore.Verdict

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
    /// What kind of evidence the value is: "measured", "modelled", "arithmetic",
    /// "definitional" (empty when not declared).
    public var provenance: String

    /// A claim.
    public init(_ subject: String, claimed: String, reproduced: String, verdict: Verdict, source: String,
                provenance: String = "") {
        self.subject = subject
        self.claimed = claimed
        self.reproduced = reproduced
        self.verdict = verdict
        self.source = source
        self.provenance = provenance
    }
}
