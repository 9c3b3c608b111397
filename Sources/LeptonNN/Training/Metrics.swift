import LeptonTensor

/// A confusion matrix: `counts[actual][predicted]`.
public struct ConfusionMatrix: Sendable, Equatable, Codable {
    /// Counts indexed by actual then predicted class.
    public private(set) var counts: [[Int]]

    /// An empty matrix for `classes` classes.
    public init(classes: Int) {
        counts = Array(repeating: Array(repeating: 0, count: classes), count: classes)
    }

    /// Counts one prediction.
    public mutating func add(actual: Int, predicted: Int) { counts[actual][predicted] += 1 }

    /// The number of classes.
    public var classes: Int { counts.count }
    /// The number of counted predictions.
    public var total: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
    /// The fraction predicted correctly.
    public var accuracy: Double {
        let t = total
        return t == 0 ? 0 : Double((0..<classes).reduce(0) { $0 + counts[$1][$1] }) / Double(t)
    }
    /// Per class: correct / actual (NaN for a class that never occurs).
    public var recall: [Double] {
        (0..<classes).map { c in
            let row = counts[c].reduce(0, +)
            return row == 0 ? .nan : Double(counts[c][c]) / Double(row)
        }
    }
    /// Per class: correct / predicted (NaN for a class never predicted).
    public var precision: [Double] {
        (0..<classes).map { c in
            let col = (0..<classes).reduce(0) { $0 + counts[$1][c] }
            return col == 0 ? .nan : Double(counts[c][c]) / Double(col)
        }
    }
}

/// The result of evaluating a model on a set of samples.
public struct Evaluation: Sendable, Codable {
    /// The mean loss.
    public let loss: Double
    /// The fraction of correct predictions (classification only).
    public let accuracy: Double?
    /// The confusion matrix (classification only).
    public let confusion: ConfusionMatrix?
    /// The number of samples.
    public let count: Int

    /// An evaluation result.
    public init(loss: Double, accuracy: Double?, confusion: ConfusionMatrix?, count: Int) {
        self.loss = loss
        self.accuracy = accuracy
        self.confusion = confusion
        self.count = count
    }
}

/// The one rule that turns a model's output row into a class.
public enum PredictedClass {
    /// The class of the output row of `width` values at `row`: for one sigmoid output,
    /// 1 when it is above 0.5; otherwise the index of the largest value (the first on ties).
    public static func of(_ row: UnsafePointer<Float>, width: Int) -> Int {
        width == 1 ? (row[0] > 0.5 ? 1 : 0) : Elementwise.argmax(row, width)
    }
}
