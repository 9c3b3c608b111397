import Foundation
import LeptonTensor

/// Where a model's time goes: every step's measured time (a layer, or a convolution with the
/// max-pool fused into it) and the rate it reaches as a share of the machine's peak — OpenBLAS's
/// sgemm on one core, the rate a step's single-threaded kernels could at best reach. For any
/// built ``Sequential`` (a ModelZoo model, or a lab's own): `lepton profile` prints ``text``.
public struct LayerProfile: Sendable {
    /// One step of the profile.
    public struct Step: Sendable {
        /// The layer's name, or the fused layers' names joined by "+".
        public let layer: String
        /// Median time of the forward pass of one batch, seconds.
        public let forwardSeconds: Double
        /// Median time of the backward pass of one batch, seconds (0 for inference).
        public let backwardSeconds: Double
        /// Floating-point operations of the forward pass of the batch.
        public let forwardFLOPs: Int
        /// Floating-point operations of the backward pass: the kernel gradient (as many as the
        /// forward pass) plus, except for the first step, the input gradient (as many again).
        public let backwardFLOPs: Int

        /// Forward plus backward time, seconds.
        public var seconds: Double { forwardSeconds + backwardSeconds }
        /// The step's rate, GFLOP/s (0 when it took no measurable time).
        public var gflops: Double { seconds > 0 ? Double(forwardFLOPs + backwardFLOPs) / seconds / 1e9 : 0 }
    }

    /// The steps in the order the model runs them.
    public let steps: [Step]
    /// The reference rate: OpenBLAS sgemm of `peakSize`³ on one thread, GFLOP/s.
    public let peakGFLOPS: Double
    /// The reference's square size.
    public let peakSize: Int
    /// Whether the inference path was profiled (else one training step, forward and backward).
    public let inference: Bool
    /// The batch size.
    public let batch: Int
    /// The build of Lepton's kernels that ran (``KernelBuild``).
    public let kernels: String

    /// The whole step's time, seconds.
    public var seconds: Double { steps.reduce(0) { $0 + $1.seconds } }

    /// The share of `peakGFLOPS` a step reaches (0…1, above 1 only for a fused step that
    /// skips the outputs no window reads).
    public func shareOfPeak(_ step: Step) -> Double { peakGFLOPS > 0 ? step.gflops / peakGFLOPS : 0 }

    /// Times `model` on `batch` random samples, `repeats` times (medians), single-threaded as
    /// each half of a training or inference batch runs, and measures the reference rate.
    public static func measure(_ model: Sequential, batch: Int, repeats: Int = 20, inference: Bool = false,
                               peakSize: Int = 1024, seed: UInt64 = 1) -> LayerProfile {
        let (timings, peak) = BLAS.singleThreaded {
            (inference ? LayerProfiler.profileInference(model, batch: batch, repeats: repeats, seed: seed)
                 : LayerProfiler.profile(model, batch: batch, repeats: repeats, seed: seed),
             GEMMBenchmark.sgemmGFLOPS(size: peakSize, repeats: 3))
        }
        var steps: [Step] = []
        var index = 0         // the first layer of each step
        for t in timings {
            let count = t.layer.split(separator: "+").count
            let first = model.layers[index]
            index += count
            let weights = inference || first.parameters.isEmpty ? 0 : t.forwardFLOPs
            let input = inference || steps.isEmpty ? 0 : t.forwardFLOPs
            steps.append(Step(layer: t.layer, forwardSeconds: t.forwardSeconds, backwardSeconds: t.backwardSeconds,
                              forwardFLOPs: t.forwardFLOPs, backwardFLOPs: weights + input))
        }
        return LayerProfile(steps: steps, peakGFLOPS: peak, peakSize: peakSize, inference: inference, batch: batch,
                            kernels: KernelBuild.current.description)
    }

    /// The profile as a table: per step the forward and backward time, the share of the
    /// whole time, GFLOP/s and the share of the peak; then the totals and the reference.
    public var text: String {
        let width = Swift.max(26, steps.map(\.layer.count).max() ?? 0)
        func name(_ text: String) -> String { text.padding(toLength: width, withPad: " ", startingAt: 0) }
        var lines = [name("step") + "     fwd ms      bwd ms    time   GFLOP/s  of peak"]
        let total = seconds
        for s in steps {
            lines.append(name(s.layer) + String(format: " %10.4f %11.4f %6.1f%% %9.1f %7.0f%%", s.forwardSeconds * 1e3,
                                s.backwardSeconds * 1e3, total > 0 ? 100 * s.seconds / total : 0, s.gflops,
                                100 * shareOfPeak(s)))
        }
        let flops = steps.reduce(0) { $0 + $1.forwardFLOPs + $1.backwardFLOPs }
        let rate = total > 0 ? Double(flops) / total / 1e9 : 0
        lines.append(name("total") + String(format: " %10.4f %11.4f %6.1f%% %9.1f %7.0f%%",
                            steps.reduce(0) { $0 + $1.forwardSeconds } * 1e3, steps.reduce(0) { $0 + $1.backwardSeconds } * 1e3,
                            100.0, rate, peakGFLOPS > 0 ? 100 * rate / peakGFLOPS : 0))
        lines.append(String(format: "peak: OpenBLAS sgemm %d³ on one thread, %.1f GFLOP/s; Lepton's kernels: %@",
                            peakSize, peakGFLOPS, kernels))
        return lines.joined(separator: "\n")
    }
}
