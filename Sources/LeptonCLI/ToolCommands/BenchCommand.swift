import LeptonLab
import ArgumentParser
import Foundation
import LeptonData
import LeptonNN
import LeptonTensor

/// `lepton bench`: the peer-benchmark recipe (SEEDS.md 003 §5.2 on Fashion-MNIST, Adam
/// 1e-3, batch 64) with the same timing rules as `../shared/bench/peer_cnn.py`.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Train and time a model (seed-cnn by default) the way the peer benchmarks do; print JSON.",
        discussion: """
            Per-epoch time counts the training steps only (shuffle + every batch), as the peer \
            script does. Afterwards: batch-1 inference latency over 1000 test images (after 50 \
            warm-up calls), throughput in batches of --batch-size over the test set (reported as \
            batch64_images_per_s with batch_size), and OpenBLAS's sgemm rate. The throughput is \
            one pass over the test set: compare it side by side in one session, not across sessions.
            """)

    @Option(help: "Model.") var model = "seed-cnn"
    @Option(help: "Data set.") var dataset = "fashion-mnist"
    @Option(help: "Epochs.") var epochs = 10
    @Option(help: "Batch size.") var batchSize = 64
    @Option(help: "Seed.") var seed: UInt64 = 1
    @Option(help: "Compute threads.") var threads = 2
    @Option(help: "Whole trainings to run (fresh model, same seed); medians over all of them.") var repeats = 1
    @Option(help: "Side of the square sgemm used for the GFLOP/s ceiling (0 to skip).") var gemmSize = 2048
    @Flag(help: "Time inference only, on the freshly initialised model (no training): batch-1 latency and batch-64 throughput, e.g. for conv3 against ONNX Runtime.")
    var inferenceOnly = false

    func validate() throws {
        guard ModelZoo.names.contains(model) else {
            throw ValidationError("unknown model '\(model)'; known models: \(ModelZoo.names.joined(separator: ", "))")
        }
        guard inferenceOnly || epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
        guard gemmSize >= 0 else { throw ValidationError("--gemm-size must be 0 (skip) or positive, got \(gemmSize)") }
        try checkThreads(threads)
    }

    func run() throws {
        ComputeThreads.set(threads)
        let kernel = BLAS.kernelReport
        if let warning = kernel.warning { Terminal.note("warning: " + warning) }
        let data = try LoadedSamples(dataset)
        let train = data.train, test = data.test
        if inferenceOnly {
            let net = try ModelZoo.make(model, inputShape: data.imageShape, classes: data.classCount, seed: seed)
            let inference = InferenceBenchmark.measure(net, on: test, batchSize: batchSize)
            try printJSON(commonFields(net, data.name, inference, kernel))
            return
        }
        var net = try ModelZoo.make(model, inputShape: data.imageShape, classes: data.classCount, seed: seed)
        var runs: [History] = []
        var final: Evaluation?
        for r in 1...max(repeats, 1) {
            net = try ModelZoo.make(model, inputShape: data.imageShape, classes: data.classCount, seed: seed)
            let trainer = Trainer(model: net, loss: .categoricalCrossEntropy, optimizer: Adam(learningRate: 0.001))
            trainer.observer = { p in
                guard let e = p.finished else { return }
                Terminal.note(String(format: "[lepton run%d] epoch %d: %.2fs  %.0f samp/s  test_acc %.4f", r, e.epoch, e.seconds,
                                     Double(train.count) / e.seconds, e.validationAccuracy ?? .nan))
            }
            // The test split serves as validation data, as in the peer script (its time is
            // measured separately and not counted in the epoch time).
            runs.append(try trainer.fit(train, validation: test,
                                        configuration: TrainingConfiguration(epochs: epochs, batchSize: batchSize, seed: seed)))
            final = trainer.evaluate(test)
        }
        let trainingPeakMemory = PeakMemory.residentBytes     // before the inference and sgemm buffers
        let history = runs[runs.count - 1]
        let epochsOut: [[String: Double]] = history.epochs.map { e in
            ["epoch": Double(e.epoch), "train_time_s": e.seconds, "train_loss": e.trainLoss,
             "test_loss": e.validationLoss ?? .nan, "test_acc": e.validationAccuracy ?? .nan]
        }
        let inference = InferenceBenchmark.measure(net, on: test, batchSize: batchSize)
        let flopsPerSample = Double(net.forwardFLOPs)
        let gemm = gemmSize > 0 ? GEMMBenchmark.sgemmGFLOPS(size: gemmSize) : 0
        let steady = runs.flatMap { $0.epochs.dropFirst().map { $0.seconds } }.sorted()
        let median = steady.isEmpty ? history.epochs[0].seconds
            : (steady.count % 2 == 1 ? steady[steady.count / 2] : (steady[steady.count / 2 - 1] + steady[steady.count / 2]) / 2)
        // Training FLOPs ≈ 3 × forward (forward, input gradient, weight gradient).
        let trainGFLOPS = 3 * flopsPerSample * Double(train.count) / median / 1e9
        let training: [String: Any] = [
            "epochs": epochsOut, "repeats": runs.count, "all_epoch_seconds": runs.map { $0.epochs.map { $0.seconds } },
            "median_epoch_s_2_on": median, "test_accuracy": final?.accuracy ?? .nan, "test_loss": final?.loss ?? .nan,
            "training_gflops": trainGFLOPS, "sgemm_gflops": gemm, "sgemm_size": gemmSize,
            "blas": BLAS.configuration, "blas_core": BLAS.coreName, "blas_kernel_chosen_by": kernel.chosenBy.rawValue,
            "peak_memory_bytes": trainingPeakMemory,
        ]
        try printJSON(commonFields(net, data.name, inference, kernel).merging(training) { a, _ in a })
    }

    /// What every bench output has: the run, the inference figures and the kernels.
    private func commonFields(_ net: Sequential, _ dataset: String, _ inference: InferenceBenchmark,
                              _ kernel: BLASKernelReport) -> [String: Any] {
        ["framework": "lepton", "model": model, "dataset": dataset, "threads": threads, "seed": Int(seed),
         "parameters": net.parameterCount, "forward_flops_per_sample": Double(net.forwardFLOPs),
         "batch1_p50_ms": inference.batch1P50Milliseconds, "batch1_p95_ms": inference.batch1P95Milliseconds,
         "batch64_images_per_s": inference.batchedSamplesPerSecond, "batch_size": batchSize,
         "blas_kernel": kernel.summary, "blas_kernel_fallback": kernel.isFallback,
         "lepton_kernels": kernel.leptonKernels ?? "?", "cpu_model": kernel.cpuModel, "cpu_isa": kernel.cpuISA.description]
    }

    private func printJSON(_ result: [String: Any]) throws {
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys, .prettyPrinted])
        print(String(decoding: json, as: UTF8.self))
    }
}
