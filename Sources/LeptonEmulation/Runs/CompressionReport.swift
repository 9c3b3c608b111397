import LeptonCore
import LeptonNN

/// 002's compression on the edge: size, accuracy and edge latency of a Float32 model and
/// its int8 copy.
public struct CompressionReport: Sendable, Codable {
    /// The clock that produced the latencies.
    public let clock: Clock
    /// The edge tier both models ran on.
    public let edge: String
    /// The int8 scheme.
    public let scheme: QuantizationScheme
    /// Sizes and test evaluations (Float32 and int8).
    public let quantization: QuantizationResult
    /// Bytes of the int8 weight file shipped to the edge (``QuantizedWeights``).
    public let shippedBytes: ByteCount
    /// Edge-only latency of the Float32 model (nil if it does not fit the edge).
    public let floatLatency: LatencySummary?
    /// Why the Float32 model could not run on the edge, if it could not.
    public let floatRefusal: String?
    /// Edge-only latency of the int8 model.
    public let int8Latency: LatencySummary

    /// int8 bytes ÷ Float32 bytes.
    public var sizeRatio: Double { quantization.sizeRatio }
    /// Accuracy change in percentage points (int8 − Float32).
    public var accuracyChangePoints: Double? { quantization.accuracyChangePoints }
}
