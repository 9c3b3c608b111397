import ArgumentParser
import Foundation
import LeptonLab

/// `lepton train`: trains one of the zoo's models on a data set and reports test metrics
/// (``TrainingSession`` does the work).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model on a data set and evaluate it on the test split.",
        discussion: """
            Models: \(TrainingRequest.modelDescriptions.joined(separator: "\n        "))
            Data sets: digits (embedded), fashion-mnist (Debian package dataset-fashion-mnist), \
            mnist (after `lepton datasets download mnist`), or a path to a folder of IDX files \
            (a catalogued name means the catalogue entry; write ./mnist for a folder of that name).
            """)

    @Option(help: "Model: \(TrainingRequest.classifierNames.joined(separator: ", ")).")
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
    @Option(help: "Write the trained weights to this safetensors file.")
    var save: String?
    @OptionGroup var common: CommonOptions

    func validate() throws {
        try checkModel(model)
        guard !TrainingRequest.regressionModelNames.contains(model) else {
            throw ValidationError("--model \(model) is a regressor and `lepton train` trains classifiers on image data; "
                + "time it with `lepton bench --model \(model)` or run its notebook (`lepton run sensor-regression`)")
        }
        guard TrainingRequest.optimizerNames.contains(optimizer) else {
            throw ValidationError("unknown optimizer '\(optimizer)'; use adam or sgd")
        }
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        if let lr = learningRate, !(lr > 0) { throw ValidationError("--learning-rate must be positive, got \(lr)") }
        guard validationSplit >= 0, validationSplit < 1 else {
            throw ValidationError("--validation-split must be in [0, 1), got \(validationSplit)")
        }
        if let p = patience, p < 1 { throw ValidationError("--patience must be at least 1, got \(p)") }
    }

    var request: TrainingRequest {
        var r = TrainingRequest()
        r.model = model
        r.dataset = dataset
        r.epochs = epochs
        r.batchSize = batchSize
        r.optimizer = optimizer
        r.learningRate = learningRate
        r.momentum = momentum
        r.validationSplit = validationSplit
        r.patience = patience
        r.seed = common.seedValue
        r.threads = common.threads
        r.save = save
        return r
    }

    func run() throws {
        common.applyCompute()
        let session = try TrainingSession(request)
        let json = common.json
        if !json { Terminal.note(session.summary) }
        let style: TrainingSession.ProgressStyle = json ? .none : Terminal.isInteractive ? .bar : .lines
        let result = try session.run(progress: style, write: Terminal.status,
                                     diverged: { if !json { Terminal.note("warning: " + $0) } })
        print(json ? try result.jsonString() : result.text)
    }
}

/// Refuses a model name the zoo does not have, listing those it has.
func checkModel(_ model: String) throws {
    guard TrainingRequest.modelNames.contains(model) else {
        throw ValidationError("unknown model '\(model)'; known models: \(TrainingRequest.modelNames.joined(separator: ", "))")
    }
}
