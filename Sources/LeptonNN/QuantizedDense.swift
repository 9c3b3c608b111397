import LeptonCore
import LeptonTensor

/// A fully connected layer with int8 weights: y = act(x · W' + b), where W' = q · s is
/// dequantised on the fly, block by block, into a small reused Float32 buffer at every
/// call (so the int8 storage is what the model keeps, and the cost of unpacking it is
/// paid and measured; see ``QuantizedTensor/multiply(_:aCount:rows:lda:into:cCount:scratch:)``).
/// FLOPs as ``Dense``: 2 · inputs · units per sample. Inference only.
public final class QuantizedDense: QuantizedLayer {
    public let kind = "dense_int8"
    public var name = "dense_int8"
    /// The number of outputs.
    public let units: Int
    public let activation: Activation
    /// The int8 kernel (codes and scales).
    public private(set) var quantizedKernel: QuantizedTensor
    /// The Float32 bias.
    public private(set) var biasValues: [Float]
    private let inputs: Int
    private var weights: Tensor?
    private var output: Tensor?

    /// Quantises a trained dense layer's kernel with `scheme`; the bias stays Float32.
    public init(quantizing dense: Dense, scheme: QuantizationScheme) {
        units = dense.units
        activation = dense.activation
        inputs = dense.kernel.shape.first ?? 0
        quantizedKernel = QuantizedTensor(quantizing: dense.kernel.value, name: dense.kernel.name, scheme: scheme)
        biasValues = dense.bias.value.array
    }

    private init(copying other: QuantizedDense) {
        units = other.units
        activation = other.activation
        inputs = other.inputs
        quantizedKernel = other.quantizedKernel
        biasValues = other.biasValues
        name = other.name
    }

    public var summary: String { "Dense \(units) int8 \(quantizedKernel.scheme.rawValue)" + (activation == .linear ? "" : " \(activation.rawValue)") }
    public var parameters: [TrainableParameter] { [] }
    public var configuration: [String: String] {
        ["units": "\(units)", "activation": activation.rawValue, "weights": "int8 \(quantizedKernel.scheme.rawValue)"]
    }
    public var forwardFLOPs: Int { 2 * inputs * units }

    public func replica() -> Layer { QuantizedDense(copying: self) }

    public func load(kernel: QuantizedTensor, bias: [Float]) {
        precondition(kernel.shape == quantizedKernel.shape && bias.count == biasValues.count,
                     "\(name): kernel \(kernel.shape)/bias \(bias.count) do not match \(quantizedKernel.shape)/\(biasValues.count)")
        quantizedKernel = kernel
        biasValues = bias
    }

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
        let w = Tensor.reuse(weights, shape: [quantizedKernel.scratchElements])
        weights = w
        let out = Tensor.reuse(output, shape: [n, units])
        output = out
        quantizedKernel.multiply(input.pointer, aCount: input.count, rows: n, lda: inputs,
                                 into: out.pointer, cCount: out.count, scratch: w.pointer)
        biasValues.withUnsafeBufferPointer { b in
            guard let bias = b.baseAddress else { return }
            activation.forward(out.pointer, rows: n, cols: units, addingBias: bias)
        }
        return out
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool, skipActivation: Bool) -> Tensor? {
        preconditionFailure("\(name): int8 layers are inference-only; train the Float32 model and quantise it again")
    }
}
