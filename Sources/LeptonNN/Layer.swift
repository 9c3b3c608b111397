import LeptonCore
import LeptonTensor

/// One stage of a ``Sequential`` model.
///
/// A layer is built once for a per-sample input shape, then runs forward on batches
/// (first dimension N) and backward with the gradient of the loss with respect to its
/// output. Layers keep their output tensors between calls: a returned tensor is valid
/// until the layer's next call.
public protocol Layer: AnyObject {
    /// The layer's kind in Keras's naming ("conv2d", "dense", …), used for default names.
    var kind: String { get }
    /// The unique name within its model (set by the model: "dense", "dense_1", …).
    var name: String { get set }
    /// A short human description ("Conv2D 32 3×3 valid relu").
    var summary: String { get }
    /// Prepares the layer for samples of `inputShape` (without the batch dimension),
    /// initialises its parameters, and returns the per-sample output shape.
    func build(inputShape: [Int], index: Int, rng: inout SeededGenerator) throws(NNError) -> [Int]
    /// Computes the output for a batch.
    func forward(_ input: Tensor, training: Bool) -> Tensor
    /// Given dLoss/dOutput, stores dLoss/dParameters in each parameter's gradient and
    /// returns dLoss/dInput when `inputGradient` is true.
    ///
    /// When `skipActivation` is true, `outputGradient` is already the gradient with
    /// respect to the pre-activation values (used by the fused softmax cross-entropy).
    func backward(_ outputGradient: Tensor, inputGradient: Bool, skipActivation: Bool) -> Tensor?
    /// The trainable parameters, in a fixed order.
    var parameters: [TrainableParameter] { get }
    /// The activation fused into this layer's output (`.linear` if none).
    var activation: Activation { get }
    /// Floating-point operations of one forward pass of one sample.
    var forwardFLOPs: Int { get }
    /// The configuration as key/value pairs, for weight-file metadata and reports.
    var configuration: [String: String] { get }
    /// A built copy with its own buffers and gradients that shares this layer's parameter
    /// values, so two shards of a batch can run at once.
    func replica() -> Layer
}

extension Layer {
    /// The number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }
}
