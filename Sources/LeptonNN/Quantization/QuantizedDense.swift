import LeptonCore
import LeptonTensor

/// A fully connected layer with int8 weights: y = act(x · W' + b), where W' = q · s is
/// dequantised on the fly, block by block, into a small reused Float32 buffer at every
/// call (so the int8 storage is what the model keeps, and the cost of unpacking it is
/// paid and measured; see ``QuantizedTensor/multiply(_:aCount:rows:lda:into:cCount:scratch:)``).
/// FLOPs as ``Dense``: 2 · inputs · units per sample. Inference only.
public final class QuantizedDense: QuantizedLayer, WorkingMemoryLayer {
    public let kind = "dense_int8"
    public var name = "dense_int8"
    /// The number of outputs.
    public let units: Int
    private let inputs: Int
    private var weights: Int8Kernel
    private var output: Tensor?

    /// Quantises a trained dense layer's kernel with `scheme`; the bias stays Float32.
    public convenience init(quantizing dense: Dense, scheme: QuantizationScheme) {
        self.init(units: dense.units, inputs: dense.kernel.shape.first ?? 0,
                  weights: Int8Kernel(quantizing: dense.kernel, bias: dense.bias, activation: dense.activation, scheme: scheme))
    }

    private init(units: Int, inputs: Int, weights: Int8Kernel) {
        self.units = units
        self.inputs = inputs
        self.weights = weights
    }

    /// The activation applied after the bias.
    public var activation: Activation { weights.activation }
    /// The int8 kernel (codes and scales).
    public var quantizedKernel: QuantizedTensor { weights.kernel }
    /// The Float32 bias.
    public var biasValues: [Float] { weights.bias }
    public var summary: String { "Dense \(units)" + weights.summarySuffix }
    public var configuration: [String: String] { weights.configuration.merging(["units": "\(units)"]) { a, _ in a } }
    public var forwardFLOPs: Int { 2 * inputs * units }

    public func copy() -> Layer { QuantizedDense(units: units, inputs: inputs, weights: weights.copy) }

    public func load(kernel: QuantizedTensor, bias: [Float]) { weights.load(kernel: kernel, bias: bias, layer: name) }

    /// The dequantisation block.
    public func workingMemory(outputShape: [Int]) -> (elementsPerSample: Int, bytes: Int) { (0, weights.scratchBytes) }

    public func build(inputShape: [Int], index: Int, rng: inout SeededGenerator) throws(NNError) -> [Int] {
        guard inputShape == [inputs] else {
            throw .layerShape(index: index, layer: name, input: inputShape,
                              problem: "the int8 kernel was quantised for \(inputs) inputs",
                              hint: "Quantise the model that this layer came from, with its own input shape.")
        }
        return [units]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let n = input.batch
        precondition(input.sampleSize == inputs, "\(name): input \(input.shape) does not have \(inputs) features")
        let out = Tensor.reuse(output, shape: [n, units])
        output = out
        weights.apply(input.pointer, aCount: input.count, rows: n, lda: inputs, into: out, columns: units)
        return out
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor? { Int8Kernel.backward(name) }
}

/// A dense layer's int8 form is a ``QuantizedDense``.
extension Dense: QuantizableLayer {
    /// A ``QuantizedDense`` of this layer's weights.
    public func quantized(scheme: QuantizationScheme) -> Layer { QuantizedDense(quantizing: self, scheme: scheme) }
}
