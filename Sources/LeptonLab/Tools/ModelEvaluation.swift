import Foundation
import LeptonCore
import LeptonData
import LeptonNN

/// `lepton evaluate` as a library call: a saved model's loss, accuracy and confusion matrix
/// on a split of a data set, computed exactly as ``TrainingSession`` computes its test accuracy.
public enum ModelEvaluation {
    /// Evaluates the model saved at `modelFile` on `split` ("test" or "train") of `dataset`
    /// (default: the data set recorded in the file).
    public static func run(modelFile: String, dataset: String?, split: String) throws -> EvaluateResult {
        let saved = try SavedModel(contentsOf: URL(fileURLWithPath: modelFile))
        guard let name = dataset ?? saved.metadata["dataset"] else {
            throw LabError.storage(path: modelFile, reason: "does not record its data set; pass --dataset NAME or a folder of IDX files")
        }
        let data = try DatasetCatalogue.load(name: name)
        let images = split == "test" ? data.test : data.train
        try checkFits(saved, images)
        let trainer = Trainer(model: saved.model, loss: .categoricalCrossEntropy, optimizer: SGD(learningRate: 0.01))
        return EvaluateResult(modelFile: modelFile, model: saved.name, dataset: data.name, split: split,
                              evaluation: trainer.evaluate(Samples(images)), classNames: data.classNames)
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
public struct EvaluateResult: Encodable {
    public let modelFile: String
    public let model: String
    public let dataset: String
    public let split: String
    public let evaluation: Evaluation
    public let classNames: [String]

    enum CodingKeys: String, CodingKey {
        case modelFile = "model_file", model, dataset, split, accuracy, loss, count
        case perClassRecall = "per_class_recall", confusionMatrix = "confusion_matrix", classNames = "class_names"
    }

    /// Writes the JSON object of `lepton evaluate --json`.
    public func encode(to encoder: Encoder) throws {
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
    public func jsonString() throws -> String {
        String(decoding: try LabJSON.encoder().encode(self), as: UTF8.self)
    }

    /// The same first line as `lepton train` prints, so the two can be compared directly.
    public var text: String {
        var lines = [EvaluationText.firstLine(evaluation, split: split)]
        if let recall = evaluation.confusion?.recall { lines.append(EvaluationText.recall(recall, classNames: classNames)) }
        return lines.joined(separator: "\n")
    }
}
