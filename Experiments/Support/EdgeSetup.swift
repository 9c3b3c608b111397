import Foundation
import LeptonCore
import LeptonData
import LeptonEmulation
import LeptonLab
import LeptonNN

/// Helpers shared by the four issue-5 emulation experiments (split-inference,
/// edge-preprocessing, edge-compression, edge-cloud-pipeline). They take parameter
/// *values*: each experiment declares its own parameters and reads them with `ctx[…]`.
enum EdgeSetup {
    /// The clock named by a "clock" parameter's value ("modelled" or "measured").
    static func clock(named name: String) -> Clock {
        name == "measured" ? .measured() : .modelled()
    }

    /// The transfer encoding named by an "encoding" parameter's value.
    static func encoding(named name: String) throws -> TransferEncoding {
        guard let e = TransferEncoding(rawValue: name) else { throw EmulationError.invalidWorkload(field: "encoding", value: name, expected: "json, float32, uint8 or int8") }
        return e
    }

    /// The sentence every report carries about its clock.
    static func clockNote(_ clock: Clock) -> String {
        "**Clock.** Latencies here come from the \(clock.description)"
            + (clock.kind == .modelled ? " — bit-stable across runs, thread counts and machines." : " — they vary from run to run.")
    }

    /// Trains a zoo model with Adam (batch 32) on `train` (default: the data set's training split).
    static func trainedModel(_ ctx: CellContext, data: DatasetSplit, name: String, epochs: Int, train: Samples? = nil) throws -> Sequential {
        if isImported(name) { return try importedModel(ctx, data: data, path: name) }
        let samples = train ?? Samples(data.train)
        let model = try ModelZoo.make(name, inputShape: samples.sampleShape, classes: data.train.classCount, seed: ctx.derivedSeed("init"))
        let trainer = Trainer(model: model, loss: .categoricalCrossEntropy, optimizer: Adam())
        _ = try trainer.fit(samples, configuration: TrainingConfiguration(epochs: epochs, batchSize: 32, seed: ctx.derivedSeed("fit")))
        return model
    }

    /// A zoo model (or an imported one) with the weights an earlier cell saved.
    static func loadModel(_ ctx: CellContext, data: DatasetSplit, name: String, artifact: String) throws -> Sequential {
        let architecture = isImported(name) ? try importedModel(ctx, data: data, path: name)
            : try ModelZoo.architecture(name, inputShape: data.train.imageShape, classes: data.train.classCount)
        return try ctx.loadModel(artifact, into: architecture)
    }

    /// True when the model parameter names a model file rather than a zoo model.
    static func isImported(_ name: String) -> Bool { name.lowercased().hasSuffix(".onnx") }

    /// A model imported from an ONNX file (trained elsewhere; used as imported), checked
    /// against the data set's image shape and class count. The file's SHA-256 is one of the
    /// cell's inputs, so replacing the file reruns the cell.
    static func importedModel(_ ctx: CellContext, data: DatasetSplit, path: String) throws -> Sequential {
        let model = try ONNXImport.load(data: ctx.file(path), path: path)
        let outputs = model.shape(afterLayers: model.layers.count).reduce(1, *)
        guard model.inputShape == data.train.imageShape, outputs == data.train.classCount else {
            throw ExperimentInputError.modelDoesNotFit(path: path, input: model.inputShape, outputs: outputs,
                                                     dataset: data.name, shape: data.train.imageShape, classes: data.train.classCount)
        }
        return model
    }

    /// The zoo models, or a path to an `.onnx` file; anything else is refused naming the value.
    static func checkModelName(_ name: String, zoo: [String]) throws {
        guard zoo.contains(name) || isImported(name) else { throw ExperimentInputError.unknownModel(name: name, zoo: zoo) }
    }

    /// One edge tier ("edge", or "edge-1"… for several) of relative speed `edgeSpeed`
    /// linked to one cloud tier of `cloudCores` cores, each link `bandwidth` Mbit/s with
    /// `latencyMs` one-way latency.
    static func topology(bandwidth: Double, edgeSpeed: Double, cloudCores: Int, latencyMs: Double, edges: Int = 1) throws -> Topology {
        let names = edges == 1 ? ["edge"] : (1...edges).map { "edge-\($0)" }
        return try Topology(tiers: names.map { Tier.edge($0, speed: .relative(edgeSpeed)) } + [.cloud("cloud", cores: cloudCores)],
                            links: names.map { Link($0, "cloud", bandwidth: .megabitsPerSecond(bandwidth), latency: .milliseconds(latencyMs)) })
    }

    /// The first `n` samples.
    static func head(_ samples: Samples, _ n: Int) -> Samples {
        samples.subset(Array(0..<min(n, samples.count)))
    }

    /// "0.25", "4", "64".
    static func mbps(_ x: Double) -> String { String(format: "%g", x) }

    /// Three significant decimals.
    static func fmt(_ x: Double) -> String { String(format: x < 10 ? "%.3f" : "%.1f", x) }
}

/// A model or input that an experiment cannot use, with what to do.
enum ExperimentInputError: Error, CustomStringConvertible {
    case modelDoesNotFit(path: String, input: [Int], outputs: Int, dataset: String, shape: [Int], classes: Int)
    case unknownModel(name: String, zoo: [String])

    var description: String {
        func dims(_ s: [Int]) -> String { s.map(String.init).joined(separator: "×") }
        switch self {
        case let .modelDoesNotFit(path, input, outputs, dataset, shape, classes):
            return "\(path) takes \(dims(input)) inputs and gives \(outputs) outputs, but data set \(dataset) has \(dims(shape)) images "
                + "and \(classes) classes; choose the data set it was trained for (--set dataset=…)"
        case let .unknownModel(name, zoo):
            return "model '\(name)' is neither a zoo model (\(zoo.joined(separator: ", "))) nor a path to an .onnx file"
        }
    }
}
