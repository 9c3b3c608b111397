/// Whether a claimed number follows from the formulas.
public enum ClaimVerdict: String, Hashable, Sendable, Codable {
    /// The computed value matches the claim within the stated tolerance.
    case reproduced = "reproduced"
    /// The computed value differs from the claim by more than the tolerance.
    case notReproduced = "not reproduced"
    /// The inputs do not determine a value (e.g. a missing table row).
    case notComputable = "not computable"
}
