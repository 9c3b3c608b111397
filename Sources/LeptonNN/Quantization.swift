import LeptonTensor

/// Post-training int8 quantisation of a trained model (002's "compress, then deploy to the
/// edge").
///
/// Weight-only, symmetric int8: every ``Dense`` and ``Conv2D`` kernel becomes int8 codes
/// with per-tensor or per-channel Float32 scales (see ``QuantizedTensor``); biases stay
/// Float32; activations stay Float32. Layers without parameters (pooling, flatten,
/// dropout, activations) are copied. The int8 layers dequantise their kernel on the fly
/// at every call, so the stored model really is int8 and the unpacking cost is real.
public enum Quantization {
    /// An inference-only copy of `model` with int8 weights. The original is unchanged.
    /// Fails, naming the layer, if a layer with parameters is neither Dense nor Conv2D.
    public static func quantize(_ model: Sequential, scheme: QuantizationScheme = .perChannel) throws(NNError) -> Sequential {
        guard model.isBuilt else {
            throw .invalidValue(name: "model to quantise", value: "an unbuilt model", allowed: "a built, trained model")
        }
        var layers: [Layer] = []
        for (i, layer) in model.layers.enumerated() {
            if let dense = layer as? Dense {
                layers.append(QuantizedDense(quantizing: dense, scheme: scheme))
            } else if let conv = layer as? Conv2D {
                layers.append(QuantizedConv2D(quantizing: conv, scheme: scheme))
            } else if layer.parameters.isEmpty {
                layers.append(layer.replica())
            } else {
                throw .invalidValue(name: "layer \(i) '\(layer.name)' (\(layer.kind))", value: "\(layer.parameterCount) parameters",
                                    allowed: "Dense, Conv2D or a layer without parameters; int8 support for this kind is missing")
            }
        }
        return try Sequential(layers).build(inputShape: model.inputShape, seed: 0)
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
