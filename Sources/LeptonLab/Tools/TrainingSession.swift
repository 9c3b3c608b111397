import Foundation
import LeptonCore
import LeptonNN
import LeptonTensor

/// `lepton train` as a library call: loads the data, builds the zoo model, trains it with a
/// divergence monitor, evaluates it on the test split and saves the weights when asked.
public final class TrainingSession {
    /// What was asked.
    public let request: TrainingRequest
    /// The loaded data set.
    public let data: LoadedSamples
    /// The model being trained.
    public let network: Sequential
    /// Its optimizer.
    public let optimizer: Optimizer

    /// Loads the data set and builds the model (threads are set by ``ComputeSetup``).
    public init(_ request: TrainingRequest) throws {
        self.request = request
        data = try LoadedSamples(request.dataset)
        network = try ModelZoo.make(request.model, inputShape: data.imageShape, classes: data.classCount, seed: request.seed)
        optimizer = request.optimizerChoice.make(learningRate: request.learningRate, momentum: request.momentum)
    }

    /// The line `lepton train` prints before it starts.
    public var summary: String {
        let r = request
        return "\(r.model) on \(data.name): \(data.train.count) training / \(data.test.count) test images "
            + "\(data.imageShape.map(String.init).joined(separator: "×")), "
            + "\(network.parameterCount) parameters, \(optimizer.summary), batch \(r.batchSize), seed \(r.seed), "
            + "\(r.threads) thread\(r.threads == 1 ? "" : "s")"
    }

    /// How progress is shown while training.
    public enum ProgressStyle: Sendable {
        /// Nothing (JSON output).
        case none
        /// One line per finished epoch (a log, a pipe).
        case lines
        /// A bar redrawn every ten batches, and a line per epoch (an interactive terminal).
        case bar
    }

    /// Trains, evaluates on the test split and saves the weights when asked. `write` receives
    /// the progress text in `style`; `diverged` the advice the first time the loss diverges.
    public func run(progress style: ProgressStyle, write: @escaping (String) -> Void,
                    diverged: @escaping (String) -> Void) throws -> TrainResult {
        let r = request
        let trainer = Trainer(model: network, loss: .categoricalCrossEntropy, optimizer: optimizer)
        nonisolated(unsafe) var monitor = DivergenceMonitor()
        trainer.observer = { p in
            if let text = Self.progressText(p, style: style) { write(text) }
            if let d = monitor.observe(p) { diverged(d.advice(optimizer: r.optimizerChoice, learningRate: r.learningRate)) }
        }
        let configuration = TrainingConfiguration(epochs: r.epochs, batchSize: r.batchSize, validationSplit: r.validationSplit,
                                                  patience: r.patience, seed: r.seed)
        let history = try trainer.fit(data.train, configuration: configuration)
        let test = trainer.evaluate(data.test)
        if let path = r.save {
            try Safetensors.save(network, to: URL(fileURLWithPath: path),
                                 metadata: ["model": r.model, "dataset": data.name, "seed": "\(r.seed)",
                                            "class_names": data.classNames.joined(separator: ",")])
        }
        return TrainResult(model: r.model, dataset: data.name, history: history, test: test, parameters: network.parameterCount,
                           seed: r.seed, threads: r.threads, classNames: data.classNames,
                           blas: BLAS.configuration, kernel: BLAS.kernelReport,
                           peakMemoryBytes: PeakMemory.residentBytes, saved: r.save, divergence: monitor.divergence,
                           divergenceHint: monitor.divergence.map { $0.advice(optimizer: r.optimizerChoice, learningRate: r.learningRate) })
    }

    /// The progress text for one report of the trainer, or nil when `style` shows nothing for it.
    static func progressText(_ p: TrainingProgress, style: ProgressStyle) -> String? {
        if let e = p.finished {
            guard style != .none else { return nil }
            var line = "epoch \(e.epoch)/\(p.epochs)  \(NumberFormat.fixed(e.seconds, 2))s  loss \(NumberFormat.fixed(e.trainLoss, 4))"
            if let a = e.trainAccuracy { line += "  acc \(NumberFormat.fixed(a, 4))" }
            if let vl = e.validationLoss { line += "  val_loss \(NumberFormat.fixed(vl, 4))" }
            if let va = e.validationAccuracy { line += "  val_acc \(NumberFormat.fixed(va, 4))" }
            return (style == .bar ? "\r\u{1B}[2K" : "") + line + "\n"
        }
        guard style == .bar, p.batch % 10 == 0 else { return nil }
        return "\r\u{1B}[2Kepoch \(p.epoch)/\(p.epochs) \(ProgressBar.text(Double(p.batch) / Double(p.batches))) "
            + "\(p.batch)/\(p.batches)  loss \(NumberFormat.fixed(p.runningLoss, 4))"
    }
}
