import ArgumentParser
import Foundation
import LeptonLab

/// `lepton bench`: the peer-benchmark recipe (SEEDS.md 003 §5.2 on Fashion-MNIST, Adam
/// 1e-3, batch 64; for the sensor regressor 004 §5.2's MSE, batch 32, on the Seattle
/// weather data) with the same timing rules as `../shared/bench/peer_cnn.py`
/// (``TrainingBenchmark`` does the work).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Train and time a model (seed-cnn by default) the way the peer benchmarks do; print JSON.",
        discussion: """
            Per-epoch time counts the training steps only (shuffle + every batch), as the peer \
            script does. Afterwards: batch-1 inference latency over 1000 test images (after 50 \
            warm-up calls) and throughput in batches of --batch-size over the test set, both of the \
            trained model's Predictor (a frozen copy whose Dense kernels are packed in panels; the \
            model's bits; a batch in two halves on the predictor and its replica) (reported as \
            batch64_images_per_s with batch_size: images over the whole pass's time; \
            batch_median_images_per_s: the batch size over the median batch's time, which a pause \
            of the host does not move), and OpenBLAS's sgemm rate. The throughput is one pass over \
            the test set: compare it side by side in one session, not across sessions. \
            A regressor (sensor-regressor: 004 §5.2's Dense 64 → 32 → 1) trains with mean squared \
            error on the tabular seattle-weather data (time-ordered split, standardised features) \
            at batch 32 by default, and reports test_mse, test_mae and test_r2 instead of accuracy. \
            The output is always one JSON object (--json is accepted for uniformity).
            """)

    @Option(help: "Model: \(TrainingRequest.modelNames.joined(separator: ", ")).") var model = "seed-cnn"
    @Option(help: "Data set (default: fashion-mnist; seattle-weather for a regressor).") var dataset: String?
    @Option(help: "Epochs.") var epochs = 10
    @Option(help: "Batch size (default: 64; 32 for a regressor).") var batchSize: Int?
    @Option(help: "Whole trainings to run (fresh model, same seed); medians over all of them.") var repeats = 1
    @Option(help: "Side of the square sgemm used for the GFLOP/s ceiling (0 to skip).") var gemmSize = 2048
    @Option(help: "Train on the first N training samples only (0: all of them), as the model-shape suite's quick mode does.")
    var trainSamples = 0
    @Flag(help: "Time inference only, on the freshly initialised model (no training): batch-1 latency and batch-64 throughput, e.g. for conv3 against ONNX Runtime.")
    var inferenceOnly = false
    @OptionGroup var common: CommonOptions

    func validate() throws {
        try checkModel(model)
        guard inferenceOnly || epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
        guard trainSamples >= 0 else { throw ValidationError("--train-samples must be 0 (all) or positive, got \(trainSamples)") }
        guard gemmSize >= 0 else { throw ValidationError("--gemm-size must be 0 (skip) or positive, got \(gemmSize)") }
    }

    func run() throws {
        common.applyCompute()
        var request = BenchmarkRequest()
        request.model = model
        request.dataset = dataset
        request.epochs = epochs
        request.batchSize = batchSize
        request.seed = common.seedValue
        request.threads = common.threads
        request.repeats = repeats
        request.gemmSize = gemmSize
        request.inferenceOnly = inferenceOnly
        request.trainSamples = trainSamples
        print(try TrainingBenchmark.run(request, note: Terminal.note).jsonString())
    }
}
