import LeptonCore
import LeptonTensor

/// A 2-D convolution with int8 weights: y = act(im2col(x) · W' + b), where the HWIO kernel
/// W' = q · s is dequantised on the fly, block by block, into a small reused Float32 buffer
/// at every call.
/// FLOPs as ``Conv2D``: 2 · outH · outW · kh · kw · in · filters per sample. Inference only.
public final class QuantizedConv2D: QuantizedLayer {
    public let kind = "conv2d_int8"
    public var name = "conv2d_int8"
    /// Output channels.
    public let filters: Int
    /// Kernel height and width.
    public let kernelSize: (Int, Int)
    /// Vertical and horizontal strides.
    public let strides: (Int, Int)
    /// Border handling.
    public let padding: Padding
    public let activation: Activation
    /// The int8 kernel (codes and scales).
    public private(set) var quantizedKernel: QuantizedTensor
    /// The Float32 bias.
    public private(set) var biasValues: [Float]
    /// 2 · outH · outW · kh · kw · in · filters (set by build).
    public private(set) var forwardFLOPs = 0
    private var inputShape: [Int] = []
    private var weights: Tensor?
    private var col: Tensor?
    private var output: Tensor?

    /// Quantises a trained convolution's kernel with `scheme`; the bias stays Float32.
    public init(quantizing conv: Conv2D, scheme: QuantizationScheme) {
        filters = conv.filters
        kernelSize = conv.kernelSize
        strides = conv.strides
        padding = conv.padding
        activation = conv.activation
        quantizedKernel = QuantizedTensor(quantizing: conv.kernel.value, name: conv.kernel.name, scheme: scheme)
        biasValues = conv.bias.value.array
    }

    private init(copying other: QuantizedConv2D) {
        filters = other.filters
        kernelSize = other.kernelSize
        strides = other.strides
        padding = other.padding
        activation = other.activation
        quantizedKernel = other.quantizedKernel
        biasValues = other.biasValues
        forwardFLOPs = other.forwardFLOPs
        inputShape = other.inputShape
        name = other.name
    }

    public var summary: String {
        "Conv2D \(filters) \(kernelSize.0)×\(kernelSize.1) int8 \(quantizedKernel.scheme.rawValue)"
            + (activation == .linear ? "" : " \(activation.rawValue)")
    }
    public var parameters: [TrainableParameter] { [] }
    public var configuration: [String: String] {
        ["filters": "\(filters)", "kernel_size": "\(kernelSize.0)x\(kernelSize.1)",
         "strides": "\(strides.0)x\(strides.1)", "padding": padding.rawValue,
         "activation": activation.rawValue, "weights": "int8 \(quantizedKernel.scheme.rawValue)"]
    }

    public func replica() -> Layer { QuantizedConv2D(copying: self) }

    public func load(kernel: QuantizedTensor, bias: [Float]) {
        precondition(kernel.shape == quantizedKernel.shape && bias.count == biasValues.count,
                     "\(name): kernel \(kernel.shape)/bias \(bias.count) do not match \(quantizedKernel.shape)/\(biasValues.count)")
        quantizedKernel = kernel
        biasValues = bias
    }

    public func build(inputShape: [Int], index: Int, rng: inout SeededGenerator) throws(NNError) -> [Int] {
        let channels = quantizedKernel.shape.count == 4 ? quantizedKernel.shape[2] : -1
        guard inputShape.count == 3, inputShape[2] == channels else {
            throw .layerShape(index: index, layer: name, input: inputShape,
                              problem: "the int8 kernel \(quantizedKernel.shape) needs height×width×\(channels) samples",
                              hint: "Quantise the model that this layer came from, with its own input shape.")
        }
        let g = ConvGeometry(batch: 1, height: inputShape[0], width: inputShape[1], channels: inputShape[2],
                             kernel: kernelSize, stride: strides, padding: padding)
        guard g.outHeight > 0, g.outWidth > 0 else {
            throw .layerShape(index: index, layer: name, input: inputShape,
                              problem: "the kernel is larger than the input", hint: "Use a larger input.")
        }
        self.inputShape = inputShape
        forwardFLOPs = 2 * g.outHeight * g.outWidth * g.patchSize * filters
        return [g.outHeight, g.outWidth, filters]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let n = input.batch
        precondition(Array(input.shape.dropFirst()) == inputShape,
                     "\(name): input \(input.shape) does not match built shape \(inputShape)")
        let g = ConvGeometry(batch: n, height: inputShape[0], width: inputShape[1], channels: inputShape[2],
                             kernel: kernelSize, stride: strides, padding: padding)
        let w = Tensor.reuse(weights, shape: [quantizedKernel.scratchElements])
        weights = w
        let out = Tensor.reuse(output, shape: [n, g.outHeight, g.outWidth, filters])
        output = out
        let k = g.patchSize
        let c = Tensor.reuse(col, shape: [g.patchCount, k])
        col = c
        Im2Col.forward(g, input: input.pointer, col: c.pointer)
        quantizedKernel.multiply(c.pointer, aCount: c.count, rows: g.patchCount, lda: k,
                                 into: out.pointer, cCount: out.count, scratch: w.pointer)
        biasValues.withUnsafeBufferPointer { b in
            guard let bias = b.baseAddress else { return }
            activation.forward(out.pointer, rows: g.patchCount, cols: filters, addingBias: bias)
        }
        return out
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool, skipActivation: Bool) -> Tensor? {
        preconditionFailure("\(name): int8 layers are inference-only; train the Float32 model and quantise it again")
    }
}
