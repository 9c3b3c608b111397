import LeptonCore

/// One cut of a split sweep: predicted against emulated latency.
public struct SplitSweepPoint: Sendable, Hashable, Codable {
    /// Layers run on the edge.
    public let split: Int
    /// The last edge layer's name ("input" for k = 0).
    public let layerName: String
    /// Encoded bytes crossing the link.
    public let payload: ByteCount
    /// The cost model's idle-system prediction.
    public let predicted: SimDuration
    /// The emulated median latency.
    public let emulated: SimDuration
    /// The accuracy of the emulated requests.
    public let accuracy: Double?

    /// (predicted − emulated) ÷ emulated.
    public var relativeError: Double {
        emulated.nanoseconds == 0 ? 0 : Double(predicted.nanoseconds - emulated.nanoseconds) / Double(emulated.nanoseconds)
    }
}
