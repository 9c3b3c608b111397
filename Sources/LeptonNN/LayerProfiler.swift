import Dispatch
import LeptonCore
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
    /// and returns the median time per training step: one layer, or a convolution and the
    /// max-pool fused with it ("conv2d+max_pooling2d"), as ``Sequential`` trains them.
    public static func profile(_ model: Sequential, batch: Int, repeats: Int = 20, seed: UInt64 = 1) -> [LayerTiming] {
        var rng = SeededGenerator(seed: seed, stream: "profile")
        let x = Tensor(zeros: [batch] + model.inputShape)
        for i in 0..<x.count { x[i] = rng.nextUnitFloat() }
        var steps: [(name: String, first: Int, flops: Int, fwd: [Double], bwd: [Double])] = []
        for r in 0..<(repeats + 2) {
            var h = x, i = 0, step = 0
            var ran: [Int] = []        // the first layer of every step, in order
            while i < model.layers.count {
                let t0 = DispatchTime.now().uptimeNanoseconds
                let (y, next) = model.trainingStep(at: i, h)
                h = y
                let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
                if step == steps.count {
                    let names = model.layers[i..<next].map(\.name).joined(separator: "+")
                    steps.append((names, i, model.layers[i..<next].reduce(0) { $0 + $1.forwardFLOPs } * batch, [], []))
                }
                if r >= 2 { steps[step].fwd.append(dt) }
                ran.append(i)
                (i, step) = (next, step + 1)
            }
            var g = Tensor(zeros: h.shape)
            for i in 0..<g.count { g[i] = rng.uniform(-0.01, 0.01) }
            for step in stride(from: ran.count - 1, through: 0, by: -1) {
                let first = ran[step]
                let t0 = DispatchTime.now().uptimeNanoseconds
                let next = model.layers[first].backward(g, inputGradient: first > 0)
                if r >= 2 { steps[step].bwd.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9) }
                guard let n = next else { break }
                g = n
            }
        }
        // Statistics' one median rule; a step with no timings (no backward pass) took 0 s.
        func median(_ v: [Double]) -> Double { v.isEmpty ? 0 : Statistics.median(v) }
        return steps.map { s in
            LayerTiming(layer: s.name, forwardSeconds: median(s.fwd), backwardSeconds: median(s.bwd), forwardFLOPs: s.flops)
        }
    }

    /// Times the inference path of `model` as its ``Predictor`` runs it (``Sequential/forward(_:training:)``
    /// with `training` false, fused steps included, Dense kernels packed in panels)
    /// on `batch` random samples: the median time of every step, named after its layers
    /// ("conv2d+max_pooling2d" for a fused pair).
    public static func profileInference(_ model: Sequential, batch: Int, repeats: Int = 20, seed: UInt64 = 1) -> [LayerTiming] {
        let model = Predictor(model).model
        var rng = SeededGenerator(seed: seed, stream: "profile")
        let x = Tensor(zeros: [batch] + model.inputShape)
        for i in 0..<x.count { x[i] = rng.nextUnitFloat() }
        var steps: [(name: String, flops: Int, times: [Double])] = []
        for r in 0..<(repeats + 2) {
            var h = x, i = 0, step = 0
            while i < model.layers.count {
                let t0 = DispatchTime.now().uptimeNanoseconds
                let (y, next) = model.inferenceStep(at: i, h)
                let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
                if step == steps.count {
                    let names = model.layers[i..<next].map(\.name).joined(separator: "+")
                    steps.append((names, model.layers[i..<next].reduce(0) { $0 + $1.forwardFLOPs } * batch, []))
                }
                if r >= 2 { steps[step].times.append(dt) }
                (h, i, step) = (y, next, step + 1)
            }
        }
        return steps.map { s in
            LayerTiming(layer: s.name, forwardSeconds: s.times.isEmpty ? 0 : Statistics.median(s.times),
                        backwardSeconds: 0, forwardFLOPs: s.flops)
        }
    }
}
