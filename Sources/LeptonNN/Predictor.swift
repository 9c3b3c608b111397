import LeptonTensor

/// A model's inference, frozen: a copy of the model taken once, with every weight copied,
/// so that its weights can be laid out for speed (like an ONNX Runtime session of an exported
/// model). ``predict(_:)`` gives the bits the model's own `forward(_:training: false)` gave
/// when the predictor was made — on every CPU and thread count, as the model does — and
/// later training of the model does not change them.
///
/// What the copy adds: each ``Dense`` layer of 64 or more units keeps its kernel packed
/// (``GEMM/PackedMatrix``: 16-column sub-panels in 64-column panels): one sample streams the
/// panels in order instead of each thread reading half of every row (Dense 3136 → 1024 at
/// batch 1, two threads, AVX2: ≈ 0.13 → 0.08 ms), and a batch's register tile reads its
/// sub-panels in order instead of 16 floats of every row or a kernel packed again on every
/// call (Dense 784 → 256 at 32 rows, one thread, AVX2: 134 → 117 µs). Memory: the model's
/// weights once more, plus the packed kernels. Like a model, one call at a time; the result is
/// valid until the next call.
public final class Predictor {
    /// The frozen copy (LeptonNN's profiler times its layers).
    let model: Sequential
    /// The per-sample input shape.
    public var inputShape: [Int] { model.inputShape }
    /// The per-sample output shape.
    public var outputShape: [Int] { model.outputShape }

    /// A predictor of `model` (built) as its weights are now.
    public init(_ model: Sequential) {
        self.model = model.snapshot()
        for layer in self.model.layers {
            (layer as? PackableLayer)?.packForInference()
        }
    }

    private init(frozen: Sequential) {
        model = frozen
    }

    /// A predictor that shares this one's weights and packed kernels but has its own buffers,
    /// so that two parts of a batch can be predicted at once (one per thread), as training's
    /// replicas run two halves.
    public func replica() -> Predictor {
        let copy = model.replica()
        for (mine, original) in zip(copy.layers, model.layers) {
            (mine as? PackableLayer)?.sharePacking(of: original)
        }
        return Predictor(frozen: copy)
    }

    /// The model's outputs for `input` [N, inputShape…].
    public func predict(_ input: Tensor) -> Tensor {
        model.forward(input, training: false)
    }
}

/// A layer whose weights a ``Predictor`` lays out for inference in its own copy of the
/// model: the laid-out copy is right only while the weights are unchanged, which the
/// predictor, the only holder of that copy, guarantees.
protocol PackableLayer: Layer {
    /// Lays the weights out for inference (called once, by ``Predictor``).
    func packForInference()
    /// Uses the laid-out weights of `other`, the layer this one replicates.
    func sharePacking(of other: Layer)
}
