import LeptonCore
import LeptonTensor

/// A stand-alone activation (ReLU, sigmoid, tanh, softmax) as its own layer.
public final class ActivationLayer: ActivatedLayer {
    public var kind: String { activation.rawValue }
    public var name = "activation"
    public let activation: Activation
    public var summary: String { "Activation \(activation.rawValue)" }
    public var configuration: [String: String] { ["activation": activation.rawValue] }
    public private(set) var forwardFLOPs = 0
    private var output: Tensor?

    /// A layer applying `activation`.
    public init(_ activation: Activation) { self.activation = activation }

    public func copy() -> Layer { ActivationLayer(activation) }

    public func build(inputShape: [Int], index: Int, rng: inout SeededGenerator) throws(NNError) -> [Int] {
        forwardFLOPs = inputShape.reduce(1, *)
        return inputShape
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let out = Tensor.reuse(output, shape: input.shape)
        output = out
        out.pointer.update(from: input.pointer, count: input.count)
        let cols = input.shape.last ?? 1
        activation.forward(out.pointer, rows: input.count / Swift.max(cols, 1), cols: cols)
        return out
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool, skipActivation: Bool) -> Tensor? {
        guard inputGradient else { return nil }
        guard !skipActivation, let out = output else { return outputGradient }
        let cols = out.shape.last ?? 1
        activation.backward(output: out.pointer, gradient: outputGradient.pointer,
                            rows: out.count / Swift.max(cols, 1), cols: cols)
        return outputGradient
    }
}
