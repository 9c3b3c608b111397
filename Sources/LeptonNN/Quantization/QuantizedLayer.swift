import LeptonTensor

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

/// A layer with an int8 form (``Dense``, ``Conv2D``): ``Quantization/quantize(_:scheme:)``
/// replaces it with that form. A layer with parameters that is not quantisable stays
/// Float32 in a quantised model (``Quantization/float32Layers(in:)`` names it).
public protocol QuantizableLayer: Layer {
    /// An inference-only layer with this layer's kernel quantised by `scheme` (the bias
    /// stays Float32); unbuilt, for a model of the same shapes.
    func quantized(scheme: QuantizationScheme) -> Layer
}

/// What the int8 layers share: the int8 kernel and Float32 bias, the product of a Float32
/// matrix with the kernel (dequantised block by block into a reused buffer, see
/// ``QuantizedTensor/multiply(_:aCount:rows:lda:into:cCount:scratch:)``) followed by bias
/// and activation, and the inference-only backward.
struct Int8Kernel {
    /// The int8 kernel (codes and scales).
    private(set) var kernel: QuantizedTensor
    /// The Float32 bias.
    private(set) var bias: [Float]
    /// The activation applied after the bias.
    let activation: Activation
    private var scratch: Tensor?

    /// The kernel of `weights` quantised with `scheme`, and `bias` as it is.
    init(quantizing weights: TrainableParameter, bias: TrainableParameter, activation: Activation, scheme: QuantizationScheme) {
        kernel = QuantizedTensor(quantizing: weights.value, name: weights.name, scheme: scheme)
        self.bias = bias.value.array
        self.activation = activation
    }

    /// Replaces kernel and bias; `layer` names the layer if the shapes do not match.
    mutating func load(kernel: QuantizedTensor, bias: [Float], layer: String) {
        precondition(kernel.shape == self.kernel.shape && bias.count == self.bias.count,
                     "\(layer): kernel \(kernel.shape)/bias \(bias.count) do not match \(self.kernel.shape)/\(self.bias.count)")
        self.kernel = kernel
        self.bias = bias
    }

    /// out[rows, columns] = act(a[rows, lda] · kernel + bias).
    mutating func apply(_ a: UnsafePointer<Float>, aCount: Int, rows: Int, lda: Int, into out: Tensor, columns: Int) {
        let w = Tensor.reuse(scratch, shape: [kernel.scratchElements])
        scratch = w
        kernel.multiply(a, aCount: aCount, rows: rows, lda: lda, into: out.pointer, cCount: out.count, scratch: w.pointer)
        bias.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            activation.forward(out.pointer, rows: rows, cols: columns, addingBias: base)
        }
    }

    /// The same weights with a dequantisation buffer of their own (for a copy of the layer
    /// that may run at the same time as the original).
    var copy: Int8Kernel {
        var c = self
        c.scratch = nil
        return c
    }

    /// The summary's int8 suffix and activation (" int8 per-channel relu").
    var summarySuffix: String {
        " int8 \(kernel.scheme.rawValue)" + (activation == .linear ? "" : " \(activation.rawValue)")
    }

    /// The configuration entries every int8 layer adds.
    var configuration: [String: String] { ["activation": activation.rawValue, "weights": "int8 \(kernel.scheme.rawValue)"] }

    /// The dequantisation block, in bytes per call.
    var scratchBytes: Int { 4 * kernel.scratchElements }

    /// Stops the program: int8 layers are inference-only.
    static func backward(_ layer: String) -> Never {
        preconditionFailure("\(layer): int8 layers are inference-only; train the Float32 model and quantise it again")
    }
}
