import Dispatch
import LeptonTensor

/// Measured time per layer, for finding where a model spends its time (and, later,
/// for fitting per-layer latency models).
public struct LayerTiming: Sendable, Codable {
    /// The layer's name.
    public let layer: String
    /// Median forward time of one batch, seconds.
    public let forwardSeconds: Double
    /// Median backward time of one batch, seconds (parameter and input gradients).
    public let backwardSeconds: Double
    /// Forward FLOPs for the batch.
    public let forwardFLOPs: Int
}

/// Times every layer of a model on random input.
public enum LayerProfiler {
    /// Runs forward and backward `repeats` times on a batch of `batch` random samples
    /// and returns the median time per layer.
    public static func profile(_ model: Sequential, batch: Int, repeats: Int = 20, seed: UInt64 = 1) -> [LayerTiming] {
        var rng = SeededGenerator(seed: seed, stream: "profile")
        let x = Tensor(zeros: [batch] + model.inputShape)
        for i in 0..<x.count { x[i] = rng.nextUnitFloat() }
        var fwd = Array(repeating: [Double](), count: model.layers.count)
        var bwd = fwd
        for r in 0..<(repeats + 2) {
            var inputs: [Tensor] = []
            var h = x
            for (i, layer) in model.layers.enumerated() {
                inputs.append(h)
                let t0 = DispatchTime.now().uptimeNanoseconds
                h = layer.forward(h, training: true)
                if r >= 2 { fwd[i].append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9) }
            }
            var g = Tensor(zeros: h.shape)
            for i in 0..<g.count { g[i] = rng.uniform(-0.01, 0.01) }
            for i in stride(from: model.layers.count - 1, through: 0, by: -1) {
                let t0 = DispatchTime.now().uptimeNanoseconds
                let next = model.layers[i].backward(g, inputGradient: i > 0, skipActivation: false)
                if r >= 2 { bwd[i].append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9) }
                guard let n = next else { break }
                g = n
            }
        }
        func median(_ v: [Double]) -> Double { v.isEmpty ? 0 : v.sorted()[v.count / 2] }
        return model.layers.enumerated().map { i, l in
            LayerTiming(layer: l.name, forwardSeconds: median(fwd[i]), backwardSeconds: median(bwd[i]),
                        forwardFLOPs: l.forwardFLOPs * batch)
        }
    }
}
