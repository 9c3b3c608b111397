import LeptonCore
import LeptonNN

/// 000 §5.2's pipeline: train on an edge tier, ship the weights over the link, infer in the
/// cloud.
public struct EdgeTrainingReport: Sendable, Codable {
    /// The clock that produced the durations.
    public let clock: Clock
    /// The edge tier that trained.
    public let edge: String
    /// The cloud tier that infers.
    public let cloud: String
    /// The training history (loss and accuracy per epoch; its seconds are host seconds).
    public let history: History
    /// Memory the training needed on the edge.
    public let trainingFootprint: ModelFootprint
    /// Training time on the edge tier.
    public let trainTime: SimDuration
    /// Bytes of the safetensors weight file.
    public let weightBytes: ByteCount
    /// Writing the weight file on the edge.
    public let pack: SimDuration
    /// The weight file's transfer over the link.
    public let transfer: LinkTransfer
    /// Loading the weight file in the cloud.
    public let unpack: SimDuration
    /// Whether the cloud's weights equal the trained ones bit for bit.
    public let weightsIdentical: Bool
    /// The cloud model on the test samples.
    public let cloudEvaluation: Evaluation

    /// Train + pack + transfer + unpack.
    public var total: SimDuration { trainTime + pack + transfer.duration + unpack }
}
