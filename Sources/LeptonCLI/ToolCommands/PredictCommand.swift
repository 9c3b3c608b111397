import ArgumentParser
import Foundation
import LeptonLab

/// `lepton predict`: a saved model's class for image files or for samples of a data set
/// (``ModelPrediction`` does the work).
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict classes with a model saved by `lepton train --save`.",
        discussion: """
            Give image files (PNG through libgd, or PGM P5/P2), grey-scale and of the model's \
            input size (28×28 for Fashion-MNIST models), light strokes on a dark background as \
            in MNIST (--invert for dark on light); or --dataset with --first N to predict the \
            first N samples of a split next to their labels.
            """)

    @Argument(help: "A safetensors file written by `lepton train --save`.")
    var modelFile: String
    @Argument(help: "Image files (PNG or PGM).")
    var images: [String] = []
    @Option(help: "Predict samples of this data set (name or IDX folder) instead of image files.")
    var dataset: String?
    @Option(help: "With --dataset: which split, test or train.")
    var split = "test"
    @Option(help: "With --dataset: how many samples from the start of the split.")
    var first = 10
    @Option(help: "Classes listed per sample, most probable first.")
    var top = 3
    @Flag(help: "Use 1 − value for every pixel (dark strokes on light paper).")
    var invert = false
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard images.isEmpty != (dataset == nil) else {
            throw ValidationError("give either image files or --dataset (not both, not neither)")
        }
        guard ["test", "train"].contains(split) else { throw ValidationError("--split must be test or train, got '\(split)'") }
        guard first >= 1 else { throw ValidationError("--first must be at least 1, got \(first)") }
        guard top >= 1 else { throw ValidationError("--top must be at least 1, got \(top)") }
        try common.refuseSeed("predict")
    }

    func run() throws {
        common.applyCompute()
        var request = PredictionRequest(modelFile: modelFile)
        request.images = images
        request.dataset = dataset
        request.split = split
        request.first = first
        request.top = top
        request.invert = invert
        let result = try ModelPrediction.run(request)
        if common.json {
            print(try result.jsonString())
        } else {
            for p in result.predictions { print(p.text) }
        }
    }
}
