/// A layer whose weights are stored as int8 (inference only).
public protocol QuantizedLayer: Layer {
    /// The int8 kernel.
    var quantizedKernel: QuantizedTensor { get }
    /// The bias, kept in Float32 (as TensorFlow Lite keeps it wider than the codes).
    var biasValues: [Float] { get }
    /// Bytes needed to store the layer's weights: the kernel's codes and scales plus
    /// four bytes per bias value.
    var storageBytes: Int { get }
    /// Replaces the stored weights (used when reading a weight file); shapes must match.
    func load(kernel: QuantizedTensor, bias: [Float])
}

extension QuantizedLayer {
    /// Codes and scales of the kernel plus the Float32 bias.
    public var storageBytes: Int { quantizedKernel.storageBytes + 4 * biasValues.count }
}
