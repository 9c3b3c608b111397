/// Size and accuracy of a Float32 model next to its int8 copy.
public struct QuantizationResult: Sendable, Codable {
    /// Bytes of the Float32 weights (4 per parameter).
    public let floatBytes: Int
    /// Bytes of the int8 weights (codes, scales and Float32 biases).
    public let int8Bytes: Int
    /// The Float32 model on the test samples.
    public let floatEvaluation: Evaluation
    /// The int8 model on the same samples.
    public let int8Evaluation: Evaluation

    /// A result from measured sizes and evaluations.
    public init(floatBytes: Int, int8Bytes: Int, floatEvaluation: Evaluation, int8Evaluation: Evaluation) {
        self.floatBytes = floatBytes
        self.int8Bytes = int8Bytes
        self.floatEvaluation = floatEvaluation
        self.int8Evaluation = int8Evaluation
    }

    /// int8 bytes ÷ Float32 bytes.
    public var sizeRatio: Double { floatBytes > 0 ? Double(int8Bytes) / Double(floatBytes) : 0 }

    /// The accuracy change in percentage points (int8 − Float32); nil without labels.
    public var accuracyChangePoints: Double? {
        guard let a = floatEvaluation.accuracy, let b = int8Evaluation.accuracy else { return nil }
        return (b - a) * 100
    }
}
