import LeptonCore
import LeptonScheduling

/// One timed transfer and what each model predicted for it.
public struct TransferRecord: Hashable, Sendable, Codable {
    /// The link profile's name.
    public var profile: String
    /// Position in the profile's sequence (0-based).
    public var sequence: Int
    /// Payload bytes (the 8-byte length header is extra).
    public var size: ByteCount
    /// Measured time from the first byte sent to the acknowledgement received.
    public var measured: Seconds
    /// Each model's prediction, keyed by `TransferModel.rawValue`.
    public var predicted: [String: Seconds]

    /// |predicted − measured| / measured for `model` (nil if the model made no prediction).
    public func relativeError(_ model: TransferModel) -> Double? {
        guard let prediction = predicted[model.rawValue], measured.value > 0 else { return nil }
        return abs(prediction.value - measured.value) / measured.value
    }
}
