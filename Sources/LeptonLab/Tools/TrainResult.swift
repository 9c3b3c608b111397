import Foundation
import LeptonCore
import LeptonNN
import LeptonTensor

/// The outcome of `lepton train`, as text or JSON.
public struct TrainResult: Encodable {
    public let model: String
    public let dataset: String
    public let history: History
    public let test: Evaluation
    public let parameters: Int
    public let seed: UInt64
    public let threads: Int
    public let classNames: [String]
    public let blas: String
    public let kernel: BLASKernelReport
    public let peakMemoryBytes: Int
    public let saved: String?
    public let divergence: Divergence?
    public let divergenceHint: String?

    enum CodingKeys: String, CodingKey {
        case model, dataset, parameters, seed, threads, blas, saved, history
        case kernel = "blas_kernel", peakMemoryBytes = "peak_memory_bytes"
        case testAccuracy = "test_accuracy", testLoss = "test_loss", epochSeconds = "epoch_seconds"
        case perClassRecall = "per_class_recall", confusionMatrix = "confusion_matrix", classNames = "class_names"
        case epochs, stoppedEarly = "stopped_early", diverged, divergence, divergenceHint = "divergence_hint"
    }

    /// Writes the JSON object of `lepton train --json`.
    public func encode(to encoder: Encoder) throws {
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
    public func jsonString() throws -> String {
        String(decoding: try LabJSON.encoder().encode(self), as: UTF8.self)
    }

    /// The lines `lepton train` prints: test accuracy and loss, recall per class, epoch times.
    public var text: String {
        var lines = [EvaluationText.firstLine(test, split: "test")]
        if let recall = test.confusion?.recall { lines.append(EvaluationText.recall(recall, classNames: classNames)) }
        let secs = history.epochs.map(\.seconds)
        if !secs.isEmpty {
            lines.append("epoch time: median \(NumberFormat.fixed(Statistics.median(secs), 2))s, total \(NumberFormat.fixed(secs.reduce(0, +), 1))s")
        }
        if let s = saved { lines.append("weights saved to \(s)") }
        if let hint = divergenceHint { lines.append("warning: " + hint) }
        return lines.joined(separator: "\n")
    }
}

/// The words `lepton train` and `lepton evaluate` share, so their first lines compare directly.
enum EvaluationText {
    /// "test accuracy 0.9312  test loss 0.2412  (360 test images)".
    static func firstLine(_ e: Evaluation, split: String) -> String {
        "\(split) accuracy \(NumberFormat.fixed(e.accuracy ?? .nan, 4))  \(split) loss \(NumberFormat.fixed(e.loss, 4))  "
            + "(\(e.count) \(split) images)"
    }

    /// "recall per class: 0 0.972, 1 0.889, …".
    static func recall(_ recall: [Double], classNames: [String]) -> String {
        let names = classNames.isEmpty ? recall.indices.map(String.init) : classNames
        return "recall per class: " + zip(names, recall).map { "\($0.0) \(NumberFormat.fixed($0.1, 3))" }.joined(separator: ", ")
    }
}
