/// The result of a transfer-time study: measured profiles, per-model accuracy and what was skipped and why.
public struct TransferStudy: Sendable, Codable {
    /// The profiles that ran.
    public var measurements: [LinkMeasurement]
    /// Each model's median relative error per profile.
    public var accuracy: [ModelAccuracy]
    /// Plain-language notes: shaping support, netem availability, skipped profiles and why.
    public var notes: [String]
}
