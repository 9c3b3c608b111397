import LeptonCore
import LeptonEmulation

/// What happened in one federated round: who took part, what it cost, how good the model is.
public struct RoundRecord: Sendable, Hashable, Codable {
    /// 1-based round number.
    public let round: Int
    /// Indices of the selected clients, ascending.
    public let selected: [Int]
    /// Selected clients whose update never arrived (drop-outs).
    public let dropped: [Int]
    /// Selected clients that ran slow this round.
    public let stragglers: [Int]
    /// Samples behind the averaged update: Σ n_k over clients whose update arrived.
    public let samples: Int
    /// Emulated time of the round: max over arriving clients of download + compute + upload.
    public let duration: SimDuration
    /// The emulated clock at the end of the round (sum of durations so far).
    public let elapsed: SimDuration
    /// The slowest arriving client's compute time.
    public let slowestCompute: SimDuration
    /// Bytes on the wire server → clients this round (model downloads, headers included).
    public let downlinkBytes: ByteCount
    /// Bytes on the wire clients → server this round (updates, headers included).
    public let uplinkBytes: ByteCount
    /// Bytes on the wire since round 1.
    public let cumulativeBytes: ByteCount
    /// Test accuracy of the global model after the round (nil when not evaluated).
    public let testAccuracy: Double?
    /// Test loss of the global model after the round (nil when not evaluated or not finite).
    public let testLoss: Double?
    /// Mean last-epoch training loss of the arriving clients, weighted by n_k (nil when no
    /// update arrived or the loss is not finite).
    public let trainLoss: Double?
}
