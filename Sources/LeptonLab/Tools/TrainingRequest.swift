import LeptonNN

/// What `lepton train` is asked to do: a zoo model, a data set and the training settings.
public struct TrainingRequest: Sendable {
    /// A ModelZoo name ("seed-cnn", "mlp", …).
    public var model = "seed-cnn"
    /// A catalogued data set or a folder of IDX files (``DatasetReference``).
    public var dataset = "digits"
    /// Passes over the training data.
    public var epochs = 10
    /// Samples per gradient step.
    public var batchSize = 64
    /// The optimizer: "adam" or "sgd" (``optimizerNames``).
    public var optimizer = "adam"
    /// The learning rate (nil: the optimizer's default).
    public var learningRate: Float?
    /// Momentum for SGD.
    public var momentum: Float = 0
    /// The fraction of the training split held out for validation (from its end).
    public var validationSplit = 0.0
    /// Early stopping after this many epochs without a lower validation loss.
    public var patience: Int?
    /// Seed for weights, shuffling and dropout.
    public var seed: UInt64 = 1
    /// Compute threads.
    public var threads = RunOptions.defaultThreads
    /// Where to write the trained weights (safetensors), if anywhere.
    public var save: String?

    /// The defaults of `lepton train`.
    public init() {}

    /// The zoo's model names, for help texts and validation.
    public static var modelNames: [String] { ModelZoo.names }
    /// The zoo models that regress real values rather than classify (`sensor-regressor`).
    public static var regressionModelNames: [String] { ModelZoo.all.filter { $0.task == .regression }.map(\.name) }
    /// The zoo's classifiers: the models `lepton train` trains.
    public static var classifierNames: [String] { ModelZoo.all.filter { $0.task == .classification }.map(\.name) }

    /// "name — description" per zoo classifier (`lepton train --help`).
    public static var modelDescriptions: [String] {
        ModelZoo.all.filter { $0.task == .classification }.map { "\($0.name) — \($0.description)" }
    }

    /// The optimizers `optimizer` may name.
    public static var optimizerNames: [String] { OptimizerChoice.allCases.map(\.rawValue) }

    /// The optimizer `optimizer` names (Adam for an unknown name; commands validate first).
    var optimizerChoice: OptimizerChoice { OptimizerChoice(rawValue: optimizer) ?? .adam }
}
