import ArgumentParser
import Foundation
import LeptonNN
import LeptonTensor

/// `lepton profile`: time per layer of a model, forward and backward.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile", abstract: "Time every layer of a model (forward and backward) on random input.")

    @Option(help: "Model: \(ModelZoo.names.joined(separator: ", ")).")
    var model = "seed-cnn"
    @Option(help: "Per-sample input shape, e.g. 28x28x1.")
    var input = "28x28x1"
    @Option(help: "Number of classes.")
    var classes = 10
    @Option(help: "Batch size.")
    var batchSize = 64
    @Option(help: "Timed repetitions (median reported).")
    var repeats = 50
    @Option(help: "Compute threads.")
    var threads = 2
    @Flag(help: "Time the inference path instead (fused steps, as predictions run), single-threaded products.")
    var inference = false

    func validate() throws {
        guard ModelZoo.names.contains(model) else {
            throw ValidationError("unknown model '\(model)'; known models: \(ModelZoo.names.joined(separator: ", "))")
        }
        let shape = try inputShape()
        if model != "mlp", shape.count != 3 {
            throw ValidationError("--input for \(model) must be height×width×channels, e.g. 28x28x1; got '\(input)'")
        }
        guard classes >= 1 else { throw ValidationError("--classes must be at least 1, got \(classes)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
        try checkThreads(threads)
    }

    /// The per-sample shape `--input` names ("28x28x1" → [28, 28, 1]).
    private func inputShape() throws -> [Int] {
        let shape = input.split(separator: "x").compactMap { Int($0) }
        guard shape.count == input.split(separator: "x").count, !shape.isEmpty, shape.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--input must look like 28x28x1, got '\(input)'")
        }
        return shape
    }

    func run() throws {
        let shape = try inputShape()
        ComputeThreads.set(threads)
        let net = try ModelZoo.make(model, inputShape: shape, classes: classes, seed: 1)
        print("BLAS kernel: \(BLAS.kernelReport.summary)")
        if let warning = BLAS.kernelReport.warning { Terminal.note("warning: " + warning) }
        print("\(model), input \(input), batch \(batchSize), " + (inference
            ? "inference, one thread (each half of a batch runs single-threaded, as predictions run)"
            : "training, \(threads) thread\(threads == 1 ? "" : "s") for OpenBLAS on the whole batch (training itself runs two halves of a batch at once, each single-threaded: profile those with --threads 1 and half the batch)"))
        if inference {
            let steps = BLAS.singleThreaded { LayerProfiler.profileInference(net, batch: batchSize, repeats: repeats) }
            print("inference step                 ms    GFLOP/s")
            var total = 0.0
            for t in steps {
                total += t.forwardSeconds
                let gf = t.forwardSeconds > 0 ? Double(t.forwardFLOPs) / t.forwardSeconds / 1e9 : 0
                print(String(format: "%-26@ %8.4f %9.1f", t.layer, t.forwardSeconds * 1e3, gf))
            }
            print(String(format: "%-26@ %8.4f", "total", total * 1e3))
            if steps.contains(where: { $0.layer.contains("+") }) { print(fusedNote) }
            return
        }
        let timings = LayerProfiler.profile(net, batch: batchSize, repeats: repeats)
        print("layer              forward ms  backward ms   GFLOP/s fwd")
        var tf = 0.0, tb = 0.0
        for t in timings {
            tf += t.forwardSeconds; tb += t.backwardSeconds
            let gf = t.forwardSeconds > 0 ? Double(t.forwardFLOPs) / t.forwardSeconds / 1e9 : 0
            print(String(format: "%-18@ %10.3f %12.3f %12.1f", t.layer, t.forwardSeconds * 1e3, t.backwardSeconds * 1e3, gf))
        }
        print(String(format: "%-18@ %10.3f %12.3f", "total", tf * 1e3, tb * 1e3))
        if timings.contains(where: { $0.layer.contains("+") }) { print(fusedNote) }
    }

    /// Why a fused step's GFLOP/s can look too high.
    private var fusedNote: String {
        "note: a fused conv+pool step's GFLOP/s counts the whole convolution's FLOPs; the kernel computes only "
            + "the outputs a pooling window reads (all of them when the output size is even)."
    }
}
