import Foundation
import LeptonCore
import LeptonNN
import LeptonTensor

/// What `lepton bench` is asked: the peer-benchmark recipe (SEEDS.md 003 §5.2: Adam 1e-3,
/// batch 64) for a zoo model on a data set; for a regression model (`sensor-regressor`)
/// 004 §5.2's recipe instead: mean squared error, Adam 1e-3, batch 32, on tabular data.
public struct BenchmarkRequest: Sendable {
    public var model = "seed-cnn"
    /// The data set; nil: the model's default (``defaultDataset(for:)``).
    public var dataset: String?
    public var epochs = 10
    /// The training (and throughput) batch size; nil: the model's default (``defaultBatchSize(for:)``).
    public var batchSize: Int?
    public var seed: UInt64 = 1
    public var threads = RunOptions.defaultThreads
    /// Whole trainings (fresh model, same seed); medians over all of them.
    public var repeats = 1
    /// Side of the square sgemm for the GFLOP/s ceiling (0: skip).
    public var gemmSize = 2048
    /// Time inference only, on the freshly initialised model.
    public var inferenceOnly = false
    /// Train on the first N training samples only (0: all of them), as the model-shape suite's quick mode does.
    public var trainSamples = 0

    /// `lepton bench`'s defaults.
    public init() {}

    /// Fashion-MNIST for a classifier; the 004 sensor data (`seattle-weather`, Datasets/tabular.json) for a regressor.
    public static func defaultDataset(for task: ModelZoo.Task) -> String {
        task == .regression ? "seattle-weather" : "fashion-mnist"
    }

    /// 64 for a classifier (003 §5.2's peer recipe); 32 for a regressor (004 §5.2).
    public static func defaultBatchSize(for task: ModelZoo.Task) -> Int {
        task == .regression ? 32 : 64
    }
}

/// A benchmark's training and test samples: a catalogued image set for a classifier, a
/// catalogued tabular set (time-ordered split, standardised) for a regressor.
private struct BenchmarkData {
    let name: String, train: Samples, test: Samples, sampleShape: [Int], outputs: Int
    /// A regressor's test targets (empty for a classifier).
    var testTargets: [Double] = []

    init(_ dataset: String, task: ModelZoo.Task) throws {
        switch task {
        case .classification:
            let data = try LoadedSamples(dataset)
            (name, train, test, sampleShape, outputs) = (data.name, data.train, data.test, data.imageShape, data.classCount)
        case .regression:
            let split = try TabularSplit(dataset)
            (name, train, test) = (split.descriptor.name, Samples(split.train), Samples(split.test))
            (sampleShape, outputs, testTargets) = ([split.train.width], 1, split.test.targets)
        }
    }
}

/// `lepton bench` as a library call, with the timing rules of `../shared/bench/peer_cnn.py`:
/// an epoch's time counts the training steps only; the test split serves as validation
/// data, timed apart. Then batch-1 latency, batched throughput and OpenBLAS's sgemm rate.
/// A regressor is trained with mean squared error and scored by test MSE and R² instead of accuracy.
public enum TrainingBenchmark {
    /// Runs the benchmark; `note` receives one line per finished epoch.
    public static func run(_ request: BenchmarkRequest, note: @escaping (String) -> Void) throws -> BenchmarkResult {
        let r = request
        let kernel = BLAS.kernelReport
        let task = try ModelZoo.entry(r.model).task
        let batchSize = r.batchSize ?? BenchmarkRequest.defaultBatchSize(for: task)
        let data = try BenchmarkData(r.dataset ?? BenchmarkRequest.defaultDataset(for: task), task: task)
        let train = r.trainSamples > 0 && r.trainSamples < data.train.count
            ? data.train.subset(Array(0..<r.trainSamples)) : data.train
        let test = data.test
        func fresh() throws -> Sequential {
            try ModelZoo.make(r.model, inputShape: data.sampleShape, classes: data.outputs, seed: r.seed)
        }
        var net = try fresh()
        var result = BenchmarkResult(model: r.model, dataset: data.name, threads: r.threads, seed: r.seed, batchSize: batchSize,
                                     parameters: net.parameterCount, forwardFLOPsPerSample: Double(net.forwardFLOPs), kernel: kernel)
        if r.inferenceOnly {
            result.inference = InferenceBenchmark.measure(net, on: test, batchSize: batchSize)
            return result
        }
        let loss: Loss = task == .regression ? .meanSquaredError : .categoricalCrossEntropy
        var runs: [History] = []
        var final: Evaluation?
        for run in 1...max(r.repeats, 1) {
            net = try fresh()
            let trainer = Trainer(model: net, loss: loss, optimizer: Adam(learningRate: 0.001))
            trainer.observer = { p in
                guard let e = p.finished else { return }
                let score = task == .regression ? "test_mse \(NumberFormat.fixed(e.validationLoss ?? .nan, 4))"
                    : "test_acc \(NumberFormat.fixed(e.validationAccuracy ?? .nan, 4))"
                note("[lepton run\(run)] epoch \(e.epoch): \(NumberFormat.fixed(e.seconds, 2))s  "
                    + "\(NumberFormat.fixed(Double(train.count) / e.seconds, 0)) samp/s  \(score)")
            }
            runs.append(try trainer.fit(train, validation: test,
                                        configuration: TrainingConfiguration(epochs: r.epochs, batchSize: batchSize, seed: r.seed)))
            final = trainer.evaluate(test)
        }
        let scores = task == .regression
            ? RegressionMetrics(predictions: net.predict(test).map(Double.init), targets: data.testTargets) : nil
        let peak = PeakMemory.residentBytes     // before the inference and sgemm buffers
        let history = runs[runs.count - 1]
        result.inference = InferenceBenchmark.measure(net, on: test, batchSize: batchSize)
        let steady = runs.flatMap { $0.epochs.dropFirst().map(\.seconds) }
        let median = steady.isEmpty ? history.epochs[0].seconds : Statistics.median(steady)
        // Training FLOPs ≈ 3 × forward (forward, input gradient, weight gradient).
        result.training = BenchmarkResult.Training(
            epochs: history.epochs.map {
                .init(epoch: $0.epoch, trainTime: $0.seconds, trainLoss: $0.trainLoss,
                      testLoss: $0.validationLoss ?? .nan, testAccuracy: $0.validationAccuracy ?? .nan)
            },
            repeats: runs.count, allEpochSeconds: runs.map { $0.epochs.map(\.seconds) }, medianEpochSeconds: median,
            testAccuracy: final?.accuracy ?? .nan, testLoss: final?.loss ?? .nan, regression: scores,
            trainingGFLOPS: 3 * result.forwardFLOPsPerSample * Double(train.count) / median / 1e9,
            sgemmGFLOPS: r.gemmSize > 0 ? GEMMBenchmark.sgemmGFLOPS(size: r.gemmSize) : 0, sgemmSize: r.gemmSize,
            blas: BLAS.configuration, blasCore: BLAS.coreName, kernelChosenBy: kernel.chosenBy.rawValue, peakMemoryBytes: peak,
            trainSamples: train.count)
        return result
    }
}

/// The JSON object `lepton bench` prints (the peer scripts' field names).
public struct BenchmarkResult: Encodable {
    /// The training half (absent with `--inference-only`).
    public struct Training: Encodable {
        /// One epoch of the last training.
        public struct Epoch: Encodable {
            let epoch: Int, trainTime: Double, trainLoss: Double, testLoss: Double, testAccuracy: Double
            enum CodingKeys: String, CodingKey {
                case epoch, trainTime = "train_time_s", trainLoss = "train_loss", testLoss = "test_loss", testAccuracy = "test_acc"
            }
        }
        let epochs: [Epoch], repeats: Int, allEpochSeconds: [[Double]], medianEpochSeconds: Double
        let testAccuracy: Double, testLoss: Double
        /// Test MSE, MAE and R² of a regressor (nil for a classifier).
        let regression: RegressionMetrics?
        let trainingGFLOPS: Double, sgemmGFLOPS: Double, sgemmSize: Int
        let blas: String, blasCore: String, kernelChosenBy: String, peakMemoryBytes: Int, trainSamples: Int
    }

    let model: String, dataset: String, threads: Int, seed: UInt64, batchSize: Int
    let parameters: Int, forwardFLOPsPerSample: Double, kernel: BLASKernelReport
    var inference: InferenceBenchmark?
    var training: Training?

    enum CodingKeys: String, CodingKey {
        case framework, model, dataset, threads, seed, parameters, forwardFLOPs = "forward_flops_per_sample"
        case p50 = "batch1_p50_ms", p95 = "batch1_p95_ms", throughput = "batch64_images_per_s"
        case medianThroughput = "batch_median_images_per_s", batchSize = "batch_size"
        case kernel = "blas_kernel", fallback = "blas_kernel_fallback", leptonKernels = "lepton_kernels", cpuModel = "cpu_model", cpuISA = "cpu_isa"
        case epochs, repeats, allEpochSeconds = "all_epoch_seconds", median = "median_epoch_s_2_on", testAccuracy = "test_accuracy"
        case testLoss = "test_loss", trainingGFLOPS = "training_gflops", sgemmGFLOPS = "sgemm_gflops", sgemmSize = "sgemm_size"
        case blas, blasCore = "blas_core", chosenBy = "blas_kernel_chosen_by", peakMemory = "peak_memory_bytes"
        case trainSamples = "train_samples", testMSE = "test_mse", testMAE = "test_mae", testR2 = "test_r2"
    }

    /// Writes the flat object of the peer scripts.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode("lepton", forKey: .framework)
        try c.encode(model, forKey: .model)
        try c.encode(dataset, forKey: .dataset)
        try c.encode(threads, forKey: .threads)
        try c.encode(seed, forKey: .seed)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(forwardFLOPsPerSample, forKey: .forwardFLOPs)
        try c.encode(inference?.batch1P50Milliseconds ?? .nan, forKey: .p50)
        try c.encode(inference?.batch1P95Milliseconds ?? .nan, forKey: .p95)
        try c.encode(inference?.batchedSamplesPerSecond ?? .nan, forKey: .throughput)
        try c.encode(inference?.medianBatchSamplesPerSecond ?? .nan, forKey: .medianThroughput)
        try c.encode(batchSize, forKey: .batchSize)
        try c.encode(kernel.summary, forKey: .kernel)
        try c.encode(kernel.isFallback, forKey: .fallback)
        try c.encode(kernel.leptonKernels ?? "?", forKey: .leptonKernels)
        try c.encode(kernel.cpuModel, forKey: .cpuModel)
        try c.encode(kernel.cpuISA.description, forKey: .cpuISA)
        guard let t = training else { return }
        try c.encode(t.epochs, forKey: .epochs)
        try c.encode(t.repeats, forKey: .repeats)
        try c.encode(t.allEpochSeconds, forKey: .allEpochSeconds)
        try c.encode(t.medianEpochSeconds, forKey: .median)
        try c.encode(t.testAccuracy, forKey: .testAccuracy)
        try c.encode(t.testLoss, forKey: .testLoss)
        if let m = t.regression {
            try c.encode(m.mse, forKey: .testMSE)
            try c.encode(m.mae, forKey: .testMAE)
            try c.encode(m.r2, forKey: .testR2)
        }
        try c.encode(t.trainingGFLOPS, forKey: .trainingGFLOPS)
        try c.encode(t.sgemmGFLOPS, forKey: .sgemmGFLOPS)
        try c.encode(t.sgemmSize, forKey: .sgemmSize)
        try c.encode(t.blas, forKey: .blas)
        try c.encode(t.blasCore, forKey: .blasCore)
        try c.encode(t.kernelChosenBy, forKey: .chosenBy)
        try c.encode(t.peakMemoryBytes, forKey: .peakMemory)
        try c.encode(t.trainSamples, forKey: .trainSamples)
    }

    /// The pretty-printed JSON object, by Lepton's JSON policy (``LabJSON``).
    public func jsonString() throws -> String {
        String(decoding: try LabJSON.encoder(pretty: true).encode(self), as: UTF8.self)
    }
}
