import LeptonCore
import LeptonTensor

/// Max-pooling over NHWC images: each output is the largest value in its window.
/// The gradient flows only to the element that was the maximum.
public final class MaxPool2D: Layer {
    public let kind = "max_pooling2d"
    public var name = "max_pooling2d"
    public let poolSize: (Int, Int)
    public let strides: (Int, Int)
    public let padding: Padding

    private var inputShape: [Int] = []
    private var output: Tensor?
    private var argmax: [Int32] = []
    private var inputGrad: Tensor?
    private var lastInputShape: [Int] = []

    /// Pooling with windows of `poolSize`, stepping by `strides` (default: the pool size).
    public init(poolSize: (Int, Int) = (2, 2), strides: (Int, Int)? = nil, padding: Padding = .valid) {
        self.poolSize = poolSize
        self.strides = strides ?? poolSize
        self.padding = padding
    }

    public var summary: String { "MaxPool2D \(poolSize.0)×\(poolSize.1)" }
    public var configuration: [String: String] {
        ["pool_size": "\(poolSize.0)x\(poolSize.1)", "strides": "\(strides.0)x\(strides.1)",
         "padding": padding.rawValue]
    }
    public private(set) var forwardFLOPs = 0

    public func copy() -> Layer { MaxPool2D(poolSize: poolSize, strides: strides, padding: padding) }

    public func build(inputShape: [Int], index: Int, rng: inout SeededGenerator) throws(NNError) -> [Int] {
        let g = try ConvGeometry.checked(inputShape, window: poolSize, stride: strides, padding: padding,
                                         layer: name, index: index, type: "MaxPool2D", windowName: "pool",
                                         tooLargeHint: "Use a larger input or fewer pooling layers.")
        self.inputShape = inputShape
        forwardFLOPs = g.outHeight * g.outWidth * inputShape[2] * poolSize.0 * poolSize.1
        return [g.outHeight, g.outWidth, inputShape[2]]
    }

    private func geometry(batch: Int, _ s: [Int]) -> ConvGeometry {
        ConvGeometry(batch: batch, height: s[0], width: s[1], channels: s[2],
                     kernel: poolSize, stride: strides, padding: padding)
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let g = geometry(batch: input.batch, inputShape)
        let out = Tensor.reuse(output, shape: [input.batch, g.outHeight, g.outWidth, inputShape[2]])
        output = out
        if argmax.count < out.count { argmax = [Int32](repeating: 0, count: out.count) }
        argmax.withUnsafeMutableBufferPointer { arg in
            // `arg` has at least out.count elements.
            if let base = arg.baseAddress {
                MaxPool.forward(g, input: input.pointer, output: out.pointer, argmax: base)
            }
        }
        lastInputShape = input.shape
        return out
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor? {
        guard inputGradient else { return nil }
        let dx = Tensor.reuse(inputGrad, shape: lastInputShape)
        inputGrad = dx
        argmax.withUnsafeBufferPointer { arg in
            if let base = arg.baseAddress {
                MaxPool.backward(geometry(batch: lastInputShape[0], inputShape), outputGradient: outputGradient.pointer, argmax: base,
                                 outputCount: outputGradient.count, inputGradient: dx.pointer, inputCount: dx.count)
            }
        }
        return dx
    }
}
