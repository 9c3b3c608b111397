import LeptonCore
import LeptonTensor

/// One stage of a ``Sequential`` model.
///
/// A layer is its forward math, its backward math and (if it learns) its parameters; the
/// model does the rest. Four requirements have no default:
///
/// ```swift
/// final class Scale: Layer {
///     var name = "scale"
///     private var input: Tensor?
///     func copy() -> Layer { Scale() }
///     func forward(_ x: Tensor, training: Bool) -> Tensor { input = x; return … }
///     func backward(_ g: Tensor, inputGradient: Bool) -> Tensor? { … }
/// }
/// ```
///
/// Everything else has a default: ``kind`` (Keras's snake case of the type name),
/// ``build(inputShape:index:rng:)`` (the output has the input's shape, nothing to
/// initialise), ``parameters`` (none), ``forwardFLOPs`` (0), ``configuration`` (empty) and
/// ``summary``. What only some layers can do is a capability protocol, never a downcast
/// to a concrete type: ``ActivatedLayer`` (a fused activation whose backward the fused
/// softmax cross-entropy skips), ``StochasticLayer`` (re-seeded per run and per shard),
/// ``QuantizableLayer`` (int8 weights), ``FusableLayer`` (runs with the next layer in one
/// pass) and ``WorkingMemoryLayer`` (working memory beyond its input and output).
///
/// A layer runs forward on batches (first dimension N) and backward with the gradient of
/// the loss with respect to its output. It may keep its output tensors between calls: a
/// returned tensor is valid until the layer's next call.
public protocol Layer: AnyObject {
    /// The unique name within its model (set by the model: "dense", "dense_1", …).
    var name: String { get set }
    /// A new, unbuilt layer with the same configuration (and any weights that are not
    /// ``parameters``, such as an int8 kernel). The model builds it and shares the
    /// parameter values, to make replicas that train two shards of a batch at once.
    func copy() -> Layer
    /// Computes the output for a batch.
    func forward(_ input: Tensor, training: Bool) -> Tensor
    /// Given dLoss/dOutput, stores dLoss/dParameters in each parameter's gradient and
    /// returns dLoss/dInput when `inputGradient` is true.
    func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor?

    /// The layer's kind in Keras's naming ("conv2d", "dense", …), used for default names.
    var kind: String { get }
    /// A short human description ("Conv2D 32 3×3 valid relu").
    var summary: String { get }
    /// Prepares the layer for samples of `inputShape` (without the batch dimension),
    /// initialises its parameters, and returns the per-sample output shape.
    func build(inputShape: [Int], index: Int, rng: inout SeededGenerator) throws(NNError) -> [Int]
    /// The trainable parameters, in a fixed order.
    var parameters: [TrainableParameter] { get }
    /// Floating-point operations of one forward pass of one sample.
    var forwardFLOPs: Int { get }
    /// The configuration as key/value pairs, for weight-file metadata and reports.
    var configuration: [String: String] { get }
}

extension Layer {
    /// Keras's name for the type: its name in snake case ("LeakyReLU" → "leaky_re_lu").
    public var kind: String { Self.snakeCase(String(describing: Self.self)) }

    /// The type name and the configuration ("LeakyReLU slope=0.1").
    public var summary: String {
        ([String(describing: Self.self)] + configuration.keys.sorted().map { "\($0)=\(configuration[$0] ?? "")" })
            .joined(separator: " ")
    }

    /// A shape-preserving layer without parameters: returns `inputShape`.
    public func build(inputShape: [Int], index: Int, rng: inout SeededGenerator) throws(NNError) -> [Int] { inputShape }

    /// None.
    public var parameters: [TrainableParameter] { [] }

    /// 0: a layer that computes should count its operations.
    public var forwardFLOPs: Int { 0 }

    /// Empty.
    public var configuration: [String: String] { [:] }

    /// The number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Keras's `to_snake_case`: a break before every capital that starts a word or follows
    /// a lower-case letter or digit ("MaxPool2D" → "max_pool2_d", "LeakyReLU" → "leaky_re_lu").
    static func snakeCase(_ name: String) -> String {
        let c = Array(name)
        var out = ""
        for i in c.indices {
            let startsWord = i > 0 && c[i].isUppercase && i + 1 < c.count && c[i + 1].isLowercase
            let afterLower = i > 0 && c[i].isUppercase && (c[i - 1].isLowercase || c[i - 1].isNumber)
            if (startsWord && c[i - 1] != "_") || afterLower { out.append("_") }
            out.append(contentsOf: c[i].lowercased())
        }
        return out
    }
}

/// A layer that applies an activation to its own output (``Dense``, ``Conv2D``,
/// ``ActivationLayer``), so a loss whose gradient is taken with respect to the
/// pre-activation values (the fused softmax cross-entropy) can skip it.
public protocol ActivatedLayer: Layer {
    /// The activation fused into this layer's output (`.linear` if none).
    var activation: Activation { get }
    /// ``Layer/backward(_:inputGradient:)``; when `skipActivation` is true,
    /// `outputGradient` is already the gradient with respect to the pre-activation values.
    func backward(_ outputGradient: Tensor, inputGradient: Bool, skipActivation: Bool) -> Tensor?
}

extension ActivatedLayer {
    /// Backward through the activation and the layer.
    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor? {
        backward(outputGradient, inputGradient: inputGradient, skipActivation: false)
    }
}

/// A layer that draws random numbers in training (``Dropout``): the trainer re-seeds it
/// from the run's seed, and each shard's copy from a stream of its own.
public protocol StochasticLayer: Layer {
    /// Restarts the layer's generator from `seed`.
    func reseed(_ seed: UInt64)
}

/// A layer that runs in one pass with the layer after it (``Conv2D`` with a 2×2 max-pool),
/// with the same result as running the two.
public protocol FusableLayer: Layer {
    /// The inference output of this layer followed by `next`, or nil when the pair does not fuse.
    func inferenceFused(with next: Layer, _ input: Tensor) -> Tensor?
    /// The training output of this layer followed by `next`, or nil when the pair does not
    /// fuse. After a fused pass, ``Layer/backward(_:inputGradient:)`` takes the gradient
    /// with respect to `next`'s output, and `next` is skipped in backward.
    func trainingFused(with next: Layer, _ input: Tensor) -> Tensor?
}

/// A layer that needs working memory beyond its input and output while it runs (a
/// convolution's patch matrix, an int8 layer's dequantisation block).
public protocol WorkingMemoryLayer: Layer {
    /// Float32 elements per sample (scaled by the batch) and bytes per call (independent
    /// of the batch) for a layer built with per-sample output `outputShape`.
    func workingMemory(outputShape: [Int]) -> (elementsPerSample: Int, bytes: Int)
}
