import LeptonLab
import ArgumentParser
import Foundation
import LeptonData
import LeptonNN
import LeptonTensor

/// `lepton evaluate`: a saved model's loss, accuracy and confusion matrix on a data set.
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
    @Option(help: "Compute threads (OpenBLAS and Lepton's kernels).")
    var threads = 2
    @Flag(help: "Print one JSON object with the results on standard output.")
    var json = false

    func validate() throws {
        guard ["test", "train"].contains(split) else { throw ValidationError("--split must be test or train, got '\(split)'") }
        try checkThreads(threads)
    }

    func run() throws {
        ComputeThreads.set(threads)
        let saved = try SavedModel(contentsOf: URL(fileURLWithPath: modelFile))
        guard let name = dataset ?? saved.metadata["dataset"] else {
            throw ValidationError("\(modelFile) does not record its data set; pass --dataset NAME or a folder of IDX files")
        }
        let data = try loadDataset(name)
        let images = split == "test" ? data.test : data.train
        try Self.checkFits(saved, images)
        let trainer = Trainer(model: saved.model, loss: .categoricalCrossEntropy, optimizer: SGD(learningRate: 0.01))
        let result = trainer.evaluate(Samples(images))
        let report = EvaluateResult(modelFile: modelFile, model: saved.name, dataset: data.name, split: split,
                                    evaluation: result, classNames: data.classNames)
        print(json ? try report.jsonString() : report.text)
    }

    /// Refuses data whose image shape or class count differs from the model's.
    static func checkFits(_ saved: SavedModel, _ images: LabeledImages) throws {
        guard images.imageShape == saved.model.inputShape else {
            throw NNError.inputShape(expected: saved.model.inputShape, found: images.imageShape, source: images.name)
        }
        guard images.classCount == saved.classes else {
            throw NNError.outputWidth(layer: saved.model.layers.last?.name ?? "output", expected: images.classCount,
                                      found: saved.classes)
        }
    }
}

/// The outcome of `lepton evaluate`, as text or JSON.
struct EvaluateResult: Encodable {
    let modelFile: String
    let model: String
    let dataset: String
    let split: String
    let evaluation: Evaluation
    let classNames: [String]

    enum CodingKeys: String, CodingKey {
        case modelFile = "model_file", model, dataset, split, accuracy, loss, count
        case perClassRecall = "per_class_recall", confusionMatrix = "confusion_matrix", classNames = "class_names"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(modelFile, forKey: .modelFile)
        try c.encode(model, forKey: .model)
        try c.encode(dataset, forKey: .dataset)
        try c.encode(split, forKey: .split)
        try c.encode(evaluation.accuracy ?? .nan, forKey: .accuracy)
        try c.encode(evaluation.loss, forKey: .loss)
        try c.encode(evaluation.count, forKey: .count)
        try c.encode(classNames, forKey: .classNames)
        try c.encode(evaluation.confusion?.recall.map { $0.isNaN ? 0 : $0 } ?? [], forKey: .perClassRecall)
        try c.encode(evaluation.confusion?.counts ?? [], forKey: .confusionMatrix)
    }

    /// One JSON object, by Lepton's JSON policy (``LabJSON``: NaN and ±∞ as strings).
    func jsonString() throws -> String {
        String(decoding: try LabJSON.encoder().encode(self), as: UTF8.self)
    }

    /// The same first line as `lepton train` prints, so the two can be compared directly.
    var text: String {
        var lines = [String(format: "%@ accuracy %.4f  %@ loss %.4f  (%d %@ images)", split, evaluation.accuracy ?? .nan,
                            split, evaluation.loss, evaluation.count, split)]
        if let recall = evaluation.confusion?.recall {
            let parts = zip(classNames.isEmpty ? recall.indices.map(String.init) : classNames, recall)
                .map { String(format: "%@ %.3f", $0.0, $0.1) }
            lines.append("recall per class: " + parts.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
