import LeptonCore
import LeptonNN

/// A split-inference scenario: which model runs where, how the crossing tensor is encoded,
/// and how the cut is chosen. A description only; ``Emulator/run(_:workload:samples:)``
/// executes it.
public struct SplitInference {
    /// The Float32 model; the cloud runs its suffix (and the edge its prefix unless
    /// ``edgeModel`` is set).
    public var model: Sequential
    /// A model with the same layers and shapes for the edge prefix (e.g. the int8 copy from
    /// `Quantization.quantize`).
    public var edgeModel: Sequential?
    /// How the cut is chosen.
    public var policy: SplitPolicy
    /// How the crossing tensor is encoded.
    public var encoding: TransferEncoding
    /// Edge preprocessing applied to every raw sample before the model (001).
    public var preprocessing: Preprocessor?
    /// Per-layer latency models, needed by ``SplitPolicy/bestSplit`` and
    /// ``SplitPolicy/adaptive``.
    public var latencyModel: LatencyModel?
    /// Bytes of the result sent back to the edge (the class index as an Int32).
    public var resultBytes: ByteCount
    /// The model's name in messages.
    public var label: String

    /// A scenario.
    public init(model: Sequential, edgeModel: Sequential? = nil, policy: SplitPolicy, encoding: TransferEncoding = .float32,
                preprocessing: Preprocessor? = nil, latencyModel: LatencyModel? = nil, resultBytes: ByteCount = .bytes(4),
                label: String = "the model") {
        self.model = model
        self.edgeModel = edgeModel
        self.policy = policy
        self.encoding = encoding
        self.preprocessing = preprocessing
        self.latencyModel = latencyModel
        self.resultBytes = resultBytes
        self.label = label
    }
}
