import LeptonCore
import LeptonTensor

/// Reshapes each sample to a vector (row-major, so NHWC images flatten as Keras does).
public final class Flatten: Layer {
    public let kind = "flatten"
    public var name = "flatten"
    public var summary: String { "Flatten" }
    private var inputShape: [Int] = []

    /// A flatten layer.
    public init() {}

    public func copy() -> Layer { Flatten() }

    public func build(inputShape: [Int], index: Int, rng: inout SeededGenerator) throws(NNError) -> [Int] {
        self.inputShape = inputShape
        return [inputShape.reduce(1, *)]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        Tensor(viewing: input, shape: [input.batch, input.sampleSize])
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor? {
        guard inputGradient else { return nil }
        return Tensor(viewing: outputGradient, shape: [outputGradient.batch] + inputShape)
    }
}
