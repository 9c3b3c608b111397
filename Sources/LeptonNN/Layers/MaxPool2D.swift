import LeptonCore
import LeptonTensor

/// Max-pooling over NHWC images: each output is the largest value in its window.
/// The gradient flows only to the element that was the maximum.
public final class MaxPool2D: Pooling2D {
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
    public private(set) var forwardFLOPs = 0

    public func copy() -> Layer { MaxPool2D(poolSize: poolSize, strides: strides, padding: padding) }

    public func build(inputShape: [Int], index: Int, rng: inout SeededGenerator) throws(NNError) -> [Int] {
        let g = try checkedGeometry(inputShape, index: index, type: "MaxPool2D")
        self.inputShape = inputShape
        forwardFLOPs = g.outHeight * g.outWidth * inputShape[2] * poolSize.0 * poolSize.1
        return [g.outHeight, g.outWidth, inputShape[2]]
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
