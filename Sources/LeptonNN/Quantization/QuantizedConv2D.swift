import LeptonCore
import LeptonTensor

/// A 2-D convolution with int8 weights: y = act(im2col(x) · W' + b), where the HWIO kernel
/// W' = q · s is dequantised on the fly, block by block, into a small reused Float32 buffer
/// at every call.
/// FLOPs as ``Conv2D``: 2 · outH · outW · kh · kw · in · filters per sample. Inference only.
public final class QuantizedConv2D: QuantizedLayer, WorkingMemoryLayer {
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
    /// 2 · outH · outW · kh · kw · in · filters (set by build).
    public private(set) var forwardFLOPs = 0
    private var weights: Int8Kernel
    private var inputShape: [Int] = []
    private var col: Tensor?
    private var output: Tensor?

    /// Quantises a trained convolution's kernel with `scheme`; the bias stays Float32.
    public convenience init(quantizing conv: Conv2D, scheme: QuantizationScheme) {
        self.init(filters: conv.filters, kernelSize: conv.kernelSize, strides: conv.strides, padding: conv.padding,
                  weights: Int8Kernel(quantizing: conv.kernel, bias: conv.bias, activation: conv.activation, scheme: scheme))
    }

    private init(filters: Int, kernelSize: (Int, Int), strides: (Int, Int), padding: Padding, weights: Int8Kernel) {
        self.filters = filters
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.weights = weights
    }

    /// The activation applied after the bias.
    public var activation: Activation { weights.activation }
    /// The int8 kernel (codes and scales).
    public var quantizedKernel: QuantizedTensor { weights.kernel }
    /// The Float32 bias.
    public var biasValues: [Float] { weights.bias }
    public var summary: String { "Conv2D \(filters) \(kernelSize.0)×\(kernelSize.1)" + weights.summarySuffix }
    public var configuration: [String: String] {
        weights.configuration.merging(["filters": "\(filters)", "kernel_size": "\(kernelSize.0)x\(kernelSize.1)",
                                       "strides": "\(strides.0)x\(strides.1)", "padding": padding.rawValue]) { a, _ in a }
    }

    public func copy() -> Layer {
        QuantizedConv2D(filters: filters, kernelSize: kernelSize, strides: strides, padding: padding, weights: weights.copy)
    }

    public func load(kernel: QuantizedTensor, bias: [Float]) { weights.load(kernel: kernel, bias: bias, layer: name) }

    /// The patch matrix per sample and the dequantisation block per call.
    public func workingMemory(outputShape: [Int]) -> (elementsPerSample: Int, bytes: Int) {
        (PatchMatrix.elements(kernel: weights.kernel.shape, outputShape: outputShape), weights.scratchBytes)
    }

    private func geometry(batch: Int) -> ConvGeometry {
        ConvGeometry(batch: batch, height: inputShape[0], width: inputShape[1], channels: inputShape[2],
                     kernel: kernelSize, stride: strides, padding: padding)
    }

    public func build(inputShape: [Int], index: Int, rng: inout SeededGenerator) throws(NNError) -> [Int] {
        let channels = quantizedKernel.shape.count == 4 ? quantizedKernel.shape[2] : -1
        guard inputShape.count == 3, inputShape[2] == channels else {
            throw .layerShape(index: index, layer: name, input: inputShape,
                              problem: "the int8 kernel \(quantizedKernel.shape) needs height×width×\(channels) samples",
                              hint: "Quantise the model that this layer came from, with its own input shape.")
        }
        let g = try ConvGeometry.checked(inputShape, window: kernelSize, stride: strides, padding: padding,
                                         layer: name, index: index, type: "QuantizedConv2D", windowName: "kernel",
                                         tooLargeHint: "Use a larger input.")
        self.inputShape = inputShape
        forwardFLOPs = 2 * g.outHeight * g.outWidth * g.patchSize * filters
        return [g.outHeight, g.outWidth, filters]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        precondition(Array(input.shape.dropFirst()) == inputShape,
                     "\(name): input \(input.shape) does not match built shape \(inputShape)")
        let g = geometry(batch: input.batch)
        let out = Tensor.reuse(output, shape: [input.batch, g.outHeight, g.outWidth, filters])
        output = out
        let c = Tensor.reuse(col, shape: [g.patchCount, g.patchSize])
        col = c
        Im2Col.forward(g, input: input.pointer, col: c.pointer)
        weights.apply(c.pointer, aCount: c.count, rows: g.patchCount, lda: g.patchSize, into: out, columns: filters)
        return out
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor? { Int8Kernel.backward(name) }
}

/// A convolution's int8 form is a ``QuantizedConv2D``.
extension Conv2D: QuantizableLayer {
    /// A ``QuantizedConv2D`` of this layer's weights.
    public func quantized(scheme: QuantizationScheme) -> Layer { QuantizedConv2D(quantizing: self, scheme: scheme) }
}
