import ArgumentParser
import Foundation
import LeptonLab

/// `lepton profile`: time per layer of a model, forward and backward (``ModelProfile`` does the work).
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile", abstract: "Time every layer of a model (forward and backward) on random input, with its share of the machine's peak.")

    @Option(help: "Model: \(TrainingRequest.modelNames.joined(separator: ", ")).")
    var model = "seed-cnn"
    @Option(help: "Per-sample input shape, e.g. 28x28x1 (3 for sensor-regressor: its three weather features).")
    var input = "28x28x1"
    @Option(help: "Number of classes (outputs of a regressor).")
    var classes = 10
    @Option(help: "Batch size.")
    var batchSize = 64
    @Option(help: "Timed repetitions (median reported).")
    var repeats = 50
    @Flag(help: "Time the inference path instead: a Predictor's layers (fused steps, Dense kernels packed in panels), as predictions run.")
    var inference = false
    @OptionGroup var common: CommonOptions

    func validate() throws {
        try checkModel(model)
        guard let shape = ProfileRequest.shape(input) else {
            throw ValidationError("--input must look like 28x28x1, got '\(input)'")
        }
        guard classes >= 1 else { throw ValidationError("--classes must be at least 1, got \(classes)") }
        do {
            _ = try ProfileRequest.model(model, inputShape: shape, classes: classes)
        } catch {
            throw ValidationError("--input \(input) does not fit \(model): \(error) (convolutional models take height×width×channels, "
                + "e.g. 28x28x1; sensor-regressor takes its feature count, e.g. 3)")
        }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
    }

    func run() throws {
        common.applyCompute()
        var request = ProfileRequest()
        request.model = model
        request.inputShape = ProfileRequest.shape(input) ?? request.inputShape
        request.classes = classes
        request.batchSize = batchSize
        request.repeats = repeats
        request.threads = common.threads
        request.seed = common.seedValue
        request.inference = inference
        for line in try ModelProfile.run(request) { print(line) }
    }
}
