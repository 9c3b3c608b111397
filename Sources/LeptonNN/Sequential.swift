import LeptonCore
import LeptonTensor

/// A stack of layers applied in order — Keras's `Sequential`.
///
/// Build it for a per-sample input shape and a seed; ``build(inputShape:seed:)`` checks
/// that every layer accepts what the previous one produces and names the first that
/// does not.
public final class Sequential {
    /// The layers in order, with unique names.
    public let layers: [Layer]
    /// The per-sample input shape (after ``build(inputShape:seed:)``).
    public private(set) var inputShape: [Int] = []
    /// The per-sample output shape of every layer.
    public private(set) var layerOutputShapes: [[Int]] = []
    /// Whether the model has been built.
    public private(set) var isBuilt = false
    /// Layers the last training pass ran inside the step before them (a max-pool fused
    /// with its convolution): backward passes their gradient straight to that step.
    private var fusedInTraining: [Bool] = []

    /// A model of `layers`, named as Keras names them ("conv2d", "dense", "dense_1", …).
    public init(_ layers: [Layer]) {
        var seen: [String: Int] = [:]
        for layer in layers {
            let k = seen[layer.kind, default: 0]
            seen[layer.kind] = k + 1
            layer.name = k == 0 ? layer.kind : "\(layer.kind)_\(k)"
        }
        self.layers = layers
    }

    /// Checks shapes and initialises every parameter from `seed`.
    @discardableResult
    public func build(inputShape: [Int], seed: UInt64) throws(NNError) -> Sequential {
        var rng = SeededGenerator(seed: seed, stream: "init")
        var shape = inputShape
        var shapes: [[Int]] = []
        for (i, layer) in layers.enumerated() {
            shape = try layer.build(inputShape: shape, index: i, rng: &rng)
            shapes.append(shape)
        }
        self.inputShape = inputShape
        layerOutputShapes = shapes
        isBuilt = true
        return self
    }

    /// A built copy that shares every parameter value but has its own buffers and
    /// gradients (see ``Layer/replica()``).
    public func replica() -> Sequential {
        precondition(isBuilt, "build the model before replicating it")
        let r = Sequential(replicating: layers.map { $0.replica() })
        r.inputShape = inputShape
        r.layerOutputShapes = layerOutputShapes
        r.isBuilt = true
        return r
    }

    private init(replicating layers: [Layer]) {
        self.layers = layers
    }

    /// The per-sample output shape.
    public var outputShape: [Int] { layerOutputShapes.last ?? inputShape }

    /// All trainable parameters, layer by layer.
    public var parameters: [TrainableParameter] { layers.flatMap(\.parameters) }

    /// The number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Floating-point operations of one forward pass of one sample.
    public var forwardFLOPs: Int { layers.reduce(0) { $0 + $1.forwardFLOPs } }

    /// Runs the batch through every layer. The result is valid until the next call.
    ///
    /// A convolution followed by a 2×2 max-pool runs as one fused pass, with the same
    /// result: ``Conv2D/inferencePooled(_:by:)`` for inference, and for training
    /// ``Conv2D/trainingPooled(_:by:)``, whose backward takes the pooled gradient.
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        precondition(isBuilt, "build the model before running it")
        var x = input
        if training {
            if fusedInTraining.count != layers.count { fusedInTraining = Array(repeating: false, count: layers.count) }
            var i = 0
            while i < layers.count {
                let (y, next) = trainingStep(at: i, x)
                for j in i..<next { fusedInTraining[j] = j > i }
                (x, i) = (y, next)
            }
            return x
        }
        var i = 0
        while i < layers.count { (x, i) = inferenceStep(at: i, x) }
        return x
    }

    /// Runs the inference step that starts at layer `i` — a fused convolution + pool, or
    /// one layer — and returns its output and the index of the next layer.
    func inferenceStep(at i: Int, _ x: Tensor) -> (Tensor, next: Int) {
        if i + 1 < layers.count, let conv = layers[i] as? Conv2D, let pool = layers[i + 1] as? MaxPool2D,
           let y = conv.inferencePooled(x, by: pool) {
            return (y, i + 2)
        }
        return (layers[i].forward(x, training: false), i + 1)
    }

    /// Runs the training step that starts at layer `i` — a convolution fused with the 2×2
    /// max-pool after it (whose backward then takes the pooled gradient), or one layer —
    /// and returns its output and the index of the next layer.
    func trainingStep(at i: Int, _ x: Tensor) -> (Tensor, next: Int) {
        if i + 1 < layers.count, let conv = layers[i] as? Conv2D, let pool = layers[i + 1] as? MaxPool2D,
           let y = conv.trainingPooled(x, by: pool) {
            return (y, i + 2)
        }
        return (layers[i].forward(x, training: true), i + 1)
    }

    /// Back-propagates dLoss/dOutput through every layer, filling parameter gradients.
    /// The first layer's input gradient is not computed (nothing needs it).
    public func backward(_ outputGradient: Tensor, skipOutputActivation: Bool = false) {
        var g = outputGradient
        for i in stride(from: layers.count - 1, through: 0, by: -1) {
            if i < fusedInTraining.count, fusedInTraining[i] { continue }  // the convolution before it takes g
            let skip = skipOutputActivation && i == layers.count - 1
            guard let next = layers[i].backward(g, inputGradient: i > 0, skipActivation: skip) else { break }
            g = next
        }
    }

    /// A one-line-per-layer description with output shapes and parameter counts.
    public var summary: [(name: String, description: String, output: [Int], parameters: Int)] {
        layers.enumerated().map { i, l in
            (l.name, l.summary, i < layerOutputShapes.count ? layerOutputShapes[i] : [], l.parameterCount)
        }
    }
}
