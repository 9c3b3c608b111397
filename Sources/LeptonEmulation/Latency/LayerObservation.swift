/// One profiled operation: a layer (by kind), a packing or unpacking step
/// ("pack:json", "unpack:int8") or preprocessing, with its features and time.
public struct LayerObservation: Sendable, Hashable, Codable {
    /// The layer kind ("conv2d", "dense_int8", …) or stage ("pack:float32", "preprocess").
    public let kind: String
    /// FLOPs of the operation (whole batch).
    public let flops: Int
    /// Input plus output elements (whole batch).
    public let elements: Int
    /// The batch size it ran at.
    public let batch: Int
    /// Median time on the reference (host, or a speed-1 single-thread tier), seconds.
    public let seconds: Double
}
