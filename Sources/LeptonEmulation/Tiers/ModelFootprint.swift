import LeptonCore
import LeptonNN

/// The memory a model (or a run of its layers) needs on a tier.
///
/// - weights: the stored weight bytes of the layers (4 per Float32 parameter; int8 layers
///   count codes, scales and Float32 biases);
/// - activations: the peak working memory of one layer at a time, in Float32:
///   max over the layers of 4 · batch · (input elements + output elements), plus what a
///   `WorkingMemoryLayer` declares: the im2col patch matrix of a convolution
///   (4 · batch · outH · outW · kh · kw · in) and the dequantisation block of an int8 layer
///   (4 · `QuantizedTensor.scratchElements`). An empty range holds just its input.
/// - training adds, per ``training(model:batch:)``: gradients and two Adam moments
///   (weights × 4 in all) and every layer's output and output gradient kept for the
///   backward pass (2 · 4 · batch · Σ output elements) on top of the input.
public struct ModelFootprint: Sendable, Hashable, Codable {
    /// Weight bytes.
    public let weights: ByteCount
    /// Peak activation (working) bytes.
    public let activations: ByteCount

    /// A footprint from its two parts.
    public init(weights: ByteCount, activations: ByteCount) {
        self.weights = weights
        self.activations = activations
    }

    /// weights + activations.
    public var total: ByteCount { weights + activations }

    /// The inference footprint of layers `range` of a built model at `batch` samples.
    public init(model: Sequential, layers range: Range<Int>, batch: Int = 1) {
        var weightBytes = 0
        var peak = 4 * batch * model.shape(afterLayers: range.lowerBound).reduce(1, *)
        for i in range {
            let layer = model.layers[i]
            weightBytes += (layer as? QuantizedLayer)?.storageBytes ?? 4 * layer.parameterCount
            let input = model.shape(afterLayers: i).reduce(1, *)
            let outShape = model.shape(afterLayers: i + 1)
            let extra = (layer as? WorkingMemoryLayer)?.workingMemory(outputShape: outShape) ?? (elementsPerSample: 0, bytes: 0)
            let work = input + outShape.reduce(1, *) + extra.elementsPerSample
            peak = Swift.max(peak, 4 * batch * work + extra.bytes)
        }
        self.init(weights: .bytes(weightBytes), activations: .bytes(peak))
    }

    /// The footprint of training the whole model with Adam at `batch` samples.
    public static func training(model: Sequential, batch: Int) -> ModelFootprint {
        let w = model.weightStorageBytes
        let kept = model.layers.indices.reduce(model.inputShape.reduce(1, *)) {
            $0 + 2 * model.shape(afterLayers: $1 + 1).reduce(1, *)
        }
        return ModelFootprint(weights: .bytes(4 * w), activations: .bytes(4 * batch * kept))
    }
}
