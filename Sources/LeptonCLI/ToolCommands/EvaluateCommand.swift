import ArgumentParser
import Foundation
import LeptonLab

/// `lepton evaluate`: a saved model's loss, accuracy and confusion matrix on a data set
/// (``ModelEvaluation`` does the work).
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a model saved by `lepton train --save` on a data set.",
        discussion: """
            The architecture is rebuilt from the file's metadata (model, input_shape) and the \
            weights loaded. The data set defaults to the one the model was trained on; the \
            accuracy is computed exactly as `lepton train` computes its test accuracy.
            """)

    @Argument(help: "A safetensors file written by `lepton train --save`.")
    var modelFile: String
    @Option(help: "Data set name or a folder of IDX files (default: the one recorded in the file).")
    var dataset: String?
    @Option(help: "Which split to evaluate: test or train.")
    var split = "test"
    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard ["test", "train"].contains(split) else { throw ValidationError("--split must be test or train, got '\(split)'") }
        try common.refuseSeed("evaluate")
    }

    func run() throws {
        common.applyCompute()
        let result = try ModelEvaluation.run(modelFile: modelFile, dataset: dataset, split: split)
        print(common.json ? try result.jsonString() : result.text)
    }
}
