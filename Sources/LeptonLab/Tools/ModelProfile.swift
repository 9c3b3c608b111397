import Foundation
import LeptonCore
import LeptonNN
import LeptonTensor

/// What `lepton profile` is asked: a zoo model, an input shape and how to time it.
public struct ProfileRequest: Sendable {
    public var model = "seed-cnn"
    /// The per-sample input shape ([28, 28, 1]).
    public var inputShape = [28, 28, 1]
    public var classes = 10
    public var batchSize = 64
    /// Timed repetitions (the median is reported).
    public var repeats = 50
    public var threads = RunOptions.defaultThreads
    /// Seed for the weights and the random input.
    public var seed: UInt64 = 1
    /// Time the inference path (fused steps, single-threaded products) instead of training.
    public var inference = false

    /// `lepton profile`'s defaults.
    public init() {}

    /// "28x28x1" → [28, 28, 1]; nil unless every part is a positive integer.
    public static func shape(_ text: String) -> [Int]? {
        let parts = text.split(separator: "x", omittingEmptySubsequences: false)
        let shape = parts.compactMap { Int($0) }
        guard shape.count == parts.count, !shape.isEmpty, shape.allSatisfy({ $0 > 0 }) else { return nil }
        return shape
    }
}

/// `lepton profile` as a library call: the median time of every layer (or fused inference
/// step), forward and backward, on random input (``LayerProfiler``), as the table it prints.
public enum ModelProfile {
    /// The lines `lepton profile` prints.
    public static func run(_ r: ProfileRequest) throws -> [String] {
        let net = try ModelZoo.make(r.model, inputShape: r.inputShape, classes: r.classes, seed: r.seed)
        let input = r.inputShape.map(String.init).joined(separator: "x")
        var lines = ["BLAS kernel: \(BLAS.kernelReport.summary)",
                     "\(r.model), input \(input), batch \(r.batchSize), " + (r.inference
                        ? "inference, one thread (each half of a batch runs single-threaded, as predictions run)"
                        : "training, \(r.threads) thread\(r.threads == 1 ? "" : "s") for OpenBLAS on the whole batch (training itself runs two halves of a batch at once, each single-threaded: profile those with --threads 1 and half the batch)")]
        // `%-18@` does not pad a Swift string on Linux: pad by hand.
        func left(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
        func rate(_ t: LayerTiming) -> Double { t.forwardSeconds > 0 ? Double(t.forwardFLOPs) / t.forwardSeconds / 1e9 : 0 }
        let timings: [LayerTiming]
        if r.inference {
            timings = BLAS.singleThreaded { LayerProfiler.profileInference(net, batch: r.batchSize, repeats: r.repeats, seed: r.seed) }
            lines.append("inference step                 ms    GFLOP/s")
            for t in timings { lines.append(left(t.layer, 26) + String(format: " %8.4f %9.1f", t.forwardSeconds * 1e3, rate(t))) }
            lines.append(left("total", 26) + String(format: " %8.4f", timings.map(\.forwardSeconds).reduce(0, +) * 1e3))
        } else {
            timings = LayerProfiler.profile(net, batch: r.batchSize, repeats: r.repeats, seed: r.seed)
            lines.append("layer              forward ms  backward ms   GFLOP/s fwd")
            for t in timings {
                lines.append(left(t.layer, 18) + String(format: " %10.3f %12.3f %12.1f", t.forwardSeconds * 1e3, t.backwardSeconds * 1e3, rate(t)))
            }
            lines.append(left("total", 18) + String(format: " %10.3f %12.3f", timings.map(\.forwardSeconds).reduce(0, +) * 1e3,
                                                   timings.map(\.backwardSeconds).reduce(0, +) * 1e3))
        }
        if timings.contains(where: { $0.layer.contains("+") }) {
            lines.append("note: a fused conv+pool step's GFLOP/s counts the whole convolution's FLOPs; the kernel computes only "
                + "the outputs a pooling window reads (all of them when the output size is even).")
        }
        return lines
    }
}
