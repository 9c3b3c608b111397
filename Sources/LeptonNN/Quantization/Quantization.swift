import LeptonTensor

/// Post-training int8 quantisation of a trained model (002's "compress, then deploy to the
/// edge").
///
/// Weight-only, symmetric int8: every ``QuantizableLayer`` (``Dense``, ``Conv2D``) becomes
/// its int8 form, with int8 kernel codes and per-tensor or per-channel Float32 scales (see
/// ``QuantizedTensor``); biases stay Float32; activations stay Float32. Layers without
/// parameters (pooling, flatten, dropout, activations) are copied, and so is a layer with
/// parameters that has no int8 form: it keeps its Float32 weights (``float32Layers(in:)``
/// names such layers). The int8 layers dequantise their kernel on the fly at every call,
/// so the stored model really is int8 and the unpacking cost is real.
public enum Quantization {
    /// An inference-only copy of `model` with int8 weights wherever a layer has an int8
    /// form; other layers are copied with their Float32 weights. The original is unchanged.
    public static func quantize(_ model: Sequential, scheme: QuantizationScheme = .perChannel) throws(NNError) -> Sequential {
        guard model.isBuilt else {
            throw .invalidValue(name: "model to quantise", value: "an unbuilt model", allowed: "a built, trained model")
        }
        let layers = model.layers.map { ($0 as? QuantizableLayer)?.quantized(scheme: scheme) ?? $0.copy() }
        let quantized = try Sequential(layers).build(inputShape: model.inputShape, seed: 0)
        for (copy, original) in zip(quantized.layers, model.layers) where !(original is QuantizableLayer) {
            for (p, q) in zip(copy.parameters, original.parameters) { p.value.pointer.update(from: q.value.pointer, count: q.count) }
        }
        return quantized
    }

    /// The layers of `model` that keep Float32 weights when it is quantised: those with
    /// parameters and no int8 form, as "name (kind, N Float32 parameters)". Empty when every
    /// weight becomes int8.
    public static func float32Layers(in model: Sequential) -> [String] {
        model.layers.filter { !($0 is QuantizableLayer) && !($0 is QuantizedLayer) && $0.parameterCount > 0 }
            .map { "\($0.name) (\($0.kind), \($0.parameterCount) Float32 parameters)" }
    }

    /// Size and accuracy of `model` and its int8 copy on the same `test` samples.
    public static func compare(_ model: Sequential, _ quantized: Sequential, on test: Samples,
                               loss: Loss = .categoricalCrossEntropy) -> QuantizationResult {
        let a = Trainer(model: model, loss: loss, optimizer: SGD()).evaluate(test)
        let b = Trainer(model: quantized, loss: loss, optimizer: SGD()).evaluate(test)
        return QuantizationResult(floatBytes: model.weightStorageBytes, int8Bytes: quantized.weightStorageBytes,
                                  floatEvaluation: a, int8Evaluation: b)
    }
}
