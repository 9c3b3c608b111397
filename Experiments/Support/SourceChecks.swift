import Foundation
import LeptonData

/// Pure re-implementations of what the source documents' printed listings and rules do,
/// used by the source-check experiments (log-003, allocation-003, formulas, edge-vs-cloud)
/// and tested alone in ExperimentsTests.
enum SourceChecks {
    // MARK: 003 §5.2–5.4: the training script and its log

    /// Whether `tf.split(data, sizes)` can run on `count` rows: TensorFlow requires the sizes
    /// to add up to the dimension (one size may be -1, meaning "the rest").
    static func tfSplitRuns(count: Int, sizes: [Int]) -> Bool {
        let unknown = sizes.filter { $0 == -1 }.count
        guard unknown <= 1, sizes.allSatisfy({ $0 >= -1 }) else { return false }
        let known = sizes.filter { $0 >= 0 }.reduce(0, +)
        return unknown == 1 ? known <= count : known == count
    }

    /// Keras's steps per epoch of `fit(validation_split:)`: the first ⌊n·(1 − split)⌋ rows
    /// train, in ⌈train / batch⌉ steps.
    static func kerasStepsPerEpoch(samples: Int, validationSplit: Double, batchSize: Int) -> Int {
        let train = Int((Double(samples) * (1 - validationSplit)).rounded(.down))
        return (train + batchSize - 1) / batchSize
    }

    /// The epochs Keras's `EarlyStopping(monitor="val_loss", patience:, min_delta: 0)` lets run
    /// on a printed validation-loss series: an epoch improves only if strictly below the best
    /// so far; training stops after the epoch at which `patience` epochs in a row did not
    /// improve. A nil value (not printed) counts as an improvement and resets the best, the
    /// reading that lets training run longest.
    static func earlyStoppingEpochs(valLoss: [Double?], patience: Int) -> Int {
        var best = Double.infinity
        var wait = 0
        for (index, value) in valLoss.enumerated() {
            if let value, value >= best {
                wait += 1
                if wait >= patience { return index + 1 }
            } else {
                best = value ?? .infinity
                wait = 0
            }
        }
        return valLoss.count
    }

    /// 003 §5.2's labels: `to_categorical(argmax(data[:, -1], axis=1))` — the column of the
    /// brightest pixel in each image's last pixel row (first one on ties, as NumPy).
    static func lastRowArgmaxLabels(_ images: LabeledImages) -> [Int] {
        (0..<images.count).map { i in
            let image = images.image(at: i)
            let rowLength = images.width * images.channels
            let row = Array(image.suffix(rowLength))
            var best = 0
            for (j, v) in row.enumerated() where v > row[best] { best = j }
            return best / images.channels
        }
    }

    /// The fraction of log rows from epoch `first` (1-based) on whose values all equal the
    /// previous row's to 4 decimals, as a Keras log prints them (nan when there are none).
    static func unchangedFraction(_ rows: [[Double?]], from first: Int) -> Double {
        let r4 = { (row: [Double?]) in row.map { $0.map { ($0 * 10_000).rounded() } } }
        let later = Array(rows.indices.filter { $0 >= max(first - 1, 1) })
        guard !later.isEmpty else { return .nan }
        return Double(later.filter { r4(rows[$0]) == r4(rows[$0 - 1]) }.count) / Double(later.count)
    }

    /// The fraction of `labels` equal to `truth`.
    static func agreement(_ labels: [Int], _ truth: [Int32]) -> Double {
        guard !labels.isEmpty, labels.count == truth.count else { return .nan }
        return Double(zip(labels, truth).filter { $0 == Int($1) }.count) / Double(labels.count)
    }
}

extension SourceChecks {
    /// Bytes of `json.dumps(array.tolist())` for a float32 array of `shape`: nested lists,
    /// ", " between items (Python's default separators), each value as Python's repr of the
    /// float64 it becomes (shortest round-trip form, as Swift's `Double.description`).
    static func jsonNestedList(_ values: [Float], shape: [Int]) -> Int {
        var bytes = values.reduce(0) { $0 + pythonRepr(Double($1)).utf8.count }
        var lists = 1
        for (depth, n) in shape.enumerated() {
            bytes += lists * (2 + 2 * (n - 1))    // brackets, and ", " between the n items
            if depth < shape.count - 1 { lists *= n }
        }
        return bytes
    }

    /// Python's float repr: the shortest round-trip digits, as Swift's `Double.description`
    /// ("0.0117647061124444", "1e-05"); zero as "0.0".
    static func pythonRepr(_ v: Double) -> String {
        v == 0 ? (v.sign == .minus ? "-0.0" : "0.0") : v.description
    }

}
