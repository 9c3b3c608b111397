import LeptonCore
import LeptonTensor

/// Reshapes each sample to a vector (row-major, so NHWC images flatten as Keras does).
public final class Flatten: Layer {
    public let kind = "flatten"
    public var name = "flatten"
    public let activation = Activation.linear
    public let parameters: [TrainableParameter] = []
    public let forwardFLOPs = 0
    public var summary: String { "Flatten" }
    public var configuration: [String: String] { [:] }
    private var inputShape: [Int] = []

    /// A flatten layer.
    public init() {}

    public func replica() -> Layer {
        let r = Flatten()
        r.name = name
        r.inputShape = inputShape
        return r
    }

    public func build(inputShape: [Int], index: Int, rng: inout SeededGenerator) throws(NNError) -> [Int] {
        self.inputShape = inputShape
        return [inputShape.reduce(1, *)]
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        Tensor(viewing: input, shape: [input.batch, input.sampleSize])
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool, skipActivation: Bool) -> Tensor? {
        guard inputGradient else { return nil }
        return Tensor(viewing: outputGradient, shape: [outputGradient.batch] + inputShape)
    }
}
