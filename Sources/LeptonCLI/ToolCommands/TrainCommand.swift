import LeptonLab
import ArgumentParser
import Foundation
import LeptonData
import LeptonNN
import LeptonTensor

/// `lepton train`: trains one of the zoo's models on a data set and reports test metrics.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model on a data set and evaluate it on the test split.",
        discussion: """
            Models: \(ModelZoo.all.map { "\($0.name) — \($0.description)" }.joined(separator: "\n        "))
            Data sets: digits (embedded), fashion-mnist (Debian package dataset-fashion-mnist), \
            mnist (after `lepton datasets download mnist`), or a path to a folder of IDX files.
            """)

    @Option(help: "Model: \(ModelZoo.names.joined(separator: ", ")).")
    var model = "seed-cnn"
    @Option(help: "Data set name or a folder of IDX files.")
    var dataset = "digits"
    @Option(help: "Passes over the training data.")
    var epochs = 10
    @Option(help: "Samples per gradient step.")
    var batchSize = 64
    @Option(help: "Optimizer: adam or sgd.")
    var optimizer = "adam"
    @Option(help: "Learning rate (default: 0.001 for adam, 0.01 for sgd).")
    var learningRate: Float?
    @Option(help: "Momentum for sgd.")
    var momentum: Float = 0
    @Option(help: "Fraction of the training split held out for validation (from its end, as Keras does).")
    var validationSplit: Double = 0
    @Option(help: "Early stopping: epochs without a lower validation loss before stopping.")
    var patience: Int?
    @Option(help: "Seed for weights, shuffling and dropout.")
    var seed: UInt64 = 1
    @Option(help: "Compute threads (OpenBLAS and Lepton's kernels).")
    var threads = 2
    @Option(help: "Write the trained weights to this safetensors file.")
    var save: String?
    @Flag(help: "Print one JSON object with the results on standard output.")
    var json = false

    func validate() throws {
        guard ModelZoo.names.contains(model) else {
            throw ValidationError("unknown model '\(model)'; known models: \(ModelZoo.names.joined(separator: ", "))")
        }
        guard ["adam", "sgd"].contains(optimizer) else {
            throw ValidationError("unknown optimizer '\(optimizer)'; use adam or sgd")
        }
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        try checkThreads(threads)
        if let lr = learningRate, !(lr > 0) { throw ValidationError("--learning-rate must be positive, got \(lr)") }
        guard validationSplit >= 0, validationSplit < 1 else {
            throw ValidationError("--validation-split must be in [0, 1), got \(validationSplit)")
        }
        if let p = patience, p < 1 { throw ValidationError("--patience must be at least 1, got \(p)") }
    }

    func run() throws {
        ComputeThreads.set(threads)
        if let warning = BLAS.kernelReport.warning { Terminal.note("warning: " + warning) }
        let data = try LoadedSamples(dataset)
        let net = try ModelZoo.make(model, inputShape: data.imageShape, classes: data.classCount, seed: seed)
        let opt: Optimizer = optimizer == "adam"
            ? Adam(learningRate: learningRate ?? 0.001)
            : SGD(learningRate: learningRate ?? 0.01, momentum: momentum)
        let trainer = Trainer(model: net, loss: .categoricalCrossEntropy, optimizer: opt)
        if !json {
            Terminal.note("\(model) on \(data.name): \(data.train.count) training / \(data.test.count) test images "
                + "\(data.imageShape.map(String.init).joined(separator: "×")), "
                + "\(net.parameterCount) parameters, \(opt.summary), batch \(batchSize), seed \(seed), \(threads) thread\(threads == 1 ? "" : "s")")
        }
        let printer = progressPrinter()
        nonisolated(unsafe) var monitor = DivergenceMonitor()
        trainer.observer = { p in
            printer(p)
            if let d = monitor.observe(p), !json { Terminal.note("warning: " + divergenceText(d)) }
        }
        let config = TrainingConfiguration(epochs: epochs, batchSize: batchSize, validationSplit: validationSplit,
                                           patience: patience, seed: seed)
        let history = try trainer.fit(data.train, configuration: config)
        let test = trainer.evaluate(data.test)
        if let path = save {
            try Safetensors.save(net, to: URL(fileURLWithPath: path),
                                 metadata: ["model": model, "dataset": data.name, "seed": "\(seed)",
                                            "class_names": data.classNames.joined(separator: ",")])
        }
        let result = TrainResult(model: model, dataset: data.name, history: history, test: test, parameters: net.parameterCount,
                                 seed: seed, threads: threads, classNames: data.classNames,
                                 blas: BLAS.configuration, kernel: BLAS.kernelReport,
                                 peakMemoryBytes: PeakMemory.residentBytes, saved: save, divergence: monitor.divergence,
                                 divergenceHint: monitor.divergence.map(divergenceText))
        if json {
            print(try result.jsonString())
        } else {
            print(result.text)
        }
    }

    /// What a diverged run says: the epoch, the loss against its start, and a learning-rate hint.
    private func divergenceText(_ d: Divergence) -> String {
        let rate = learningRate ?? (optimizer == "adam" ? 0.001 : 0.01)
        let loss = d.loss.isFinite ? String(format: "%.4g", d.loss) : "\(d.loss)"
        return "training diverged at epoch \(d.epoch): \(d.reason.rawValue) (loss \(loss), \(String(format: "%.4g", d.startLoss)) at the start); "
            + "the learning rate \(rate) is probably too high for \(optimizer) — try --learning-rate \(rate / 10) or lower "
            + "(the \(optimizer) default is \(optimizer == "adam" ? "0.001" : "0.01"))"
    }

    /// Per-batch progress bar on a terminal, one line per epoch otherwise.
    private func progressPrinter() -> (TrainingProgress) -> Void {
        let interactive = Terminal.isInteractive && !json
        let quiet = json
        return { p in
            if let e = p.finished {
                guard !quiet else { return }
                var line = String(format: "epoch %d/%d  %.2fs  loss %.4f", e.epoch, p.epochs, e.seconds, e.trainLoss)
                if let a = e.trainAccuracy { line += String(format: "  acc %.4f", a) }
                if let vl = e.validationLoss { line += String(format: "  val_loss %.4f", vl) }
                if let va = e.validationAccuracy { line += String(format: "  val_acc %.4f", va) }
                Terminal.status((interactive ? "\r\u{1B}[2K" : "") + line + "\n")
            } else if interactive, p.batch % 10 == 0 {
                Terminal.status(String(format: "\r\u{1B}[2Kepoch %d/%d %@ %d/%d  loss %.4f", p.epoch, p.epochs,
                                       Terminal.bar(Double(p.batch) / Double(p.batches)), p.batch, p.batches, p.runningLoss))
            }
        }
    }
}

/// The outcome of `lepton train`, as text or JSON.
struct TrainResult: Encodable {
    let model: String
    let dataset: String
    let history: History
    let test: Evaluation
    let parameters: Int
    let seed: UInt64
    let threads: Int
    let classNames: [String]
    let blas: String
    let kernel: BLASKernelReport
    let peakMemoryBytes: Int
    let saved: String?
    let divergence: Divergence?
    let divergenceHint: String?

    enum CodingKeys: String, CodingKey {
        case model, dataset, parameters, seed, threads, blas, saved, history
        case kernel = "blas_kernel", peakMemoryBytes = "peak_memory_bytes"
        case testAccuracy = "test_accuracy", testLoss = "test_loss", epochSeconds = "epoch_seconds"
        case perClassRecall = "per_class_recall", confusionMatrix = "confusion_matrix", classNames = "class_names"
        case epochs, stoppedEarly = "stopped_early", diverged, divergence, divergenceHint = "divergence_hint"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(model, forKey: .model)
        try c.encode(dataset, forKey: .dataset)
        try c.encode(test.accuracy ?? .nan, forKey: .testAccuracy)
        try c.encode(test.loss, forKey: .testLoss)
        try c.encode(history.epochs.map(\.seconds), forKey: .epochSeconds)
        try c.encode(history.epochs.count, forKey: .epochs)
        try c.encode(history.stoppedEarly, forKey: .stoppedEarly)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(seed, forKey: .seed)
        try c.encode(threads, forKey: .threads)
        try c.encode(blas, forKey: .blas)
        try c.encode(kernel, forKey: .kernel)
        try c.encode(peakMemoryBytes, forKey: .peakMemoryBytes)
        try c.encodeIfPresent(saved, forKey: .saved)
        try c.encode(classNames, forKey: .classNames)
        try c.encode(test.confusion?.recall.map { $0.isNaN ? 0 : $0 } ?? [], forKey: .perClassRecall)
        try c.encode(test.confusion?.counts ?? [], forKey: .confusionMatrix)
        try c.encode(history.epochs, forKey: .history)
        try c.encode(divergence != nil, forKey: .diverged)
        try c.encodeIfPresent(divergence, forKey: .divergence)
        try c.encodeIfPresent(divergenceHint, forKey: .divergenceHint)
    }

    /// One JSON object, by Lepton's JSON policy (``LabJSON``: NaN and ±∞ as strings).
    func jsonString() throws -> String {
        String(decoding: try LabJSON.encoder().encode(self), as: UTF8.self)
    }

    var text: String {
        var lines = [String(format: "test accuracy %.4f  test loss %.4f  (%d test images)",
                            test.accuracy ?? .nan, test.loss, test.count)]
        if let recall = test.confusion?.recall {
            let parts = zip(classNames.isEmpty ? recall.indices.map(String.init) : classNames, recall)
                .map { String(format: "%@ %.3f", $0.0, $0.1) }
            lines.append("recall per class: " + parts.joined(separator: ", "))
        }
        let secs = history.epochs.map(\.seconds)
        if !secs.isEmpty {
            let sorted = secs.sorted()
            lines.append(String(format: "epoch time: median %.2fs, total %.1fs", sorted[sorted.count / 2], secs.reduce(0, +)))
        }
        if let s = saved { lines.append("weights saved to \(s)") }
        if let hint = divergenceHint { lines.append("warning: " + hint) }
        return lines.joined(separator: "\n")
    }
}

/// A data set's training and test samples for `train` and `bench`: 8-bit IDX images stay
/// bytes (a quarter of the memory of floats, converted one batch at a time), anything else
/// is loaded as floats.
struct LoadedSamples {
    let name: String
    let train: Samples
    let test: Samples
    let classNames: [String]
    let classCount: Int

    /// Loads a catalogued data set or a folder of IDX files.
    init(_ nameOrPath: String) throws {
        if let bytes = try DatasetCatalogue.loadBytes(name: nameOrPath) {
            func samples(_ set: ByteImages) -> Samples {
                Samples(bytes: set.pixels, scale: ByteImages.scale, sampleShape: set.imageShape, labels: set.labels,
                        classes: set.classCount, source: set.name)
            }
            name = bytes.name
            train = samples(bytes.train)
            test = samples(bytes.test)
            classNames = bytes.classNames
            classCount = bytes.train.classCount
        } else {
            let data = try loadDataset(nameOrPath)
            name = data.name
            train = Samples(data.train)
            test = Samples(data.test)
            classNames = data.classNames
            classCount = data.train.classCount
        }
    }

    /// The shape of one sample.
    var imageShape: [Int] { train.sampleShape }
}
