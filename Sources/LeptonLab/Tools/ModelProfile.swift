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
    /// Time the inference path (a Predictor's layers: fused steps, Dense kernels packed in panels) instead of training.
    public var inference = false

    /// `lepton profile`'s defaults.
    public init() {}

    /// The zoo model `name` built for `inputShape` and `classes` outputs (seed 1), or the
    /// error that names the layer the shape does not fit.
    public static func model(_ name: String, inputShape: [Int], classes: Int) throws(NNError) -> Sequential {
        try ModelZoo.make(name, inputShape: inputShape, classes: classes, seed: 1)
    }

    /// "28x28x1" → [28, 28, 1]; nil unless every part is a positive integer.
    public static func shape(_ text: String) -> [Int]? {
        let parts = text.split(separator: "x", omittingEmptySubsequences: false)
        let shape = parts.compactMap { Int($0) }
        guard shape.count == parts.count, !shape.isEmpty, shape.allSatisfy({ $0 > 0 }) else { return nil }
        return shape
    }
}

/// `lepton profile` as a library call: the median time of every layer (or fused inference
/// step), forward and backward, on random input, with its share of the whole step and of the
/// machine's single-thread sgemm peak (``LayerProfile``), as the table it prints.
public enum ModelProfile {
    /// The lines `lepton profile` prints.
    public static func run(_ r: ProfileRequest) throws -> [String] {
        let net = try ModelZoo.make(r.model, inputShape: r.inputShape, classes: r.classes, seed: r.seed)
        let input = r.inputShape.map(String.init).joined(separator: "x")
        let mode: String
        switch (r.inference, r.batchSize) {
        case (true, 1) where ComputeThreads.count > 1:
            mode = "inference as predictions of one sample run: large convolutions and Dense layers split between two threads"
        case (true, 2) where ComputeThreads.count > 1:
            mode = "inference as predictions of two samples run: large Dense layers split between two threads"
        case (true, _):
            mode = "inference, one thread (each half of a batch runs single-threaded, as predictions run)"
        case (false, _):
            mode = "one training step (forward and backward), one thread (training runs the two halves of a batch at once, each single-threaded: give half the batch)"
        }
        var lines = ["BLAS kernel: \(BLAS.kernelReport.summary)", "\(r.model), input \(input), batch \(r.batchSize), \(mode)"]
        let profile = LayerProfile.measure(net, batch: r.batchSize, repeats: r.repeats, inference: r.inference, seed: r.seed)
        lines.append(contentsOf: profile.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        if profile.steps.contains(where: { $0.layer.contains("+") }) {
            lines.append("note: a fused conv+pool step's GFLOP/s counts the whole convolution's FLOPs; the kernel computes only "
                + "the outputs a pooling window reads (all of them when the output size is even).")
        }
        let winograd = net.layers.compactMap { $0 as? Conv2D }.filter { $0.algorithm.hasPrefix("Winograd") }.map(\.name)
        if !winograd.isEmpty {
            lines.append("note: \(winograd.joined(separator: ", ")) run\(winograd.count == 1 ? "s" : "") by Winograd's F(2×2, 5×5), "
                + "36 multiplications where the direct sum takes 100: its GFLOP/s counts the direct convolution's FLOPs, "
                + "so its share of peak can pass 100 %.")
        }
        return lines
    }
}
