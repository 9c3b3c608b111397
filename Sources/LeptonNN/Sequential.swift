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
    /// gradients, so two shards of a batch can run at once: each layer's
    /// ``Layer/copy()``, built for the same shape, reading and writing the original's
    /// parameter values.
    public func replica() -> Sequential {
        builtCopy { mine, original in mine.shareValues(of: original) }
    }

    /// A built copy with its own copy of every parameter value (nothing shared): what
    /// ``Predictor`` keeps, so that training the original afterwards cannot reach it.
    func snapshot() -> Sequential {
        builtCopy { mine, original in mine.value.pointer.update(from: original.value.pointer, count: original.count) }
    }

    /// Every layer's built copy (``builtCopy(of:)``), each parameter linked to the original's
    /// by `link` (shared or copied values).
    private func builtCopy(linking link: (_ mine: TrainableParameter, _ original: TrainableParameter) -> Void) -> Sequential {
        precondition(isBuilt, "build the model before copying it")
        let r = Sequential(replicating: layers.indices.map { i in
            let copy = builtCopy(of: i)
            for (mine, original) in zip(copy.parameters, layers[i].parameters) { link(mine, original) }
            return copy
        })
        r.inputShape = inputShape
        r.layerOutputShapes = layerOutputShapes
        r.isBuilt = true
        return r
    }

    /// Layer `i`'s ``Layer/copy()``, with the same name, built for the same input shape
    /// (its parameters freshly initialised; the caller shares or copies the values).
    func builtCopy(of i: Int) -> Layer {
        let copy = layers[i].copy()
        copy.name = layers[i].name
        var rng = SeededGenerator(seed: 0, stream: "copy")
        do {
            let built = try copy.build(inputShape: shape(afterLayers: i), index: i, rng: &rng)
            precondition(built == layerOutputShapes[i], "\(copy.name): its copy builds to \(built), not \(layerOutputShapes[i])")
        } catch {
            preconditionFailure("\(copy.name): its copy does not build for \(self.shape(afterLayers: i)) as it did: \(error)")
        }
        precondition(copy.parameters.map(\.shape) == layers[i].parameters.map(\.shape),
                     "\(copy.name): its copy's parameters differ in shape from the layer's")
        return copy
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
    /// A ``FusableLayer`` and the layer after it run as one pass when they fuse, with the
    /// same result (a convolution followed by a 2×2 max-pool: ``Conv2D/inferencePooled(_:by:)``
    /// for inference, and for training ``Conv2D/trainingPooled(_:by:)``, whose backward
    /// takes the pooled gradient).
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

    /// Runs the inference step that starts at layer `i` — a ``FusableLayer`` fused with
    /// the layer after it, or one layer — and returns its output and the index of the next layer.
    func inferenceStep(at i: Int, _ x: Tensor) -> (Tensor, next: Int) {
        if i + 1 < layers.count, let first = layers[i] as? FusableLayer,
           let y = first.inferenceFused(with: layers[i + 1], x) {
            return (y, i + 2)
        }
        return (layers[i].forward(x, training: false), i + 1)
    }

    /// Runs the training step that starts at layer `i` — a ``FusableLayer`` fused with the
    /// layer after it (whose backward is then skipped: the first takes its gradient), or
    /// one layer — and returns its output and the index of the next layer.
    func trainingStep(at i: Int, _ x: Tensor) -> (Tensor, next: Int) {
        if i + 1 < layers.count, let first = layers[i] as? FusableLayer,
           let y = first.trainingFused(with: layers[i + 1], x) {
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
            let output: Tensor?
            if skipOutputActivation, i == layers.count - 1 {
                guard let last = layers[i] as? ActivatedLayer else {
                    preconditionFailure("\(layers[i].name): skipping the output activation needs an ActivatedLayer last")
                }
                output = last.backward(g, inputGradient: i > 0, skipActivation: true)
            } else {
                output = layers[i].backward(g, inputGradient: i > 0)
            }
            guard let next = output else { break }
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
