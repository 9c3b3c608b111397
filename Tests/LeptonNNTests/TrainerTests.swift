import Foundation
import LeptonCore
import XCTest
@testable import LeptonNN
import LeptonTensor

/// A small real task: 6×6 images holding a noisy horizontal (class 0), vertical (1) or
/// diagonal (2) bar at a random position.
func barImages(count: Int, seed: UInt64) -> Samples {
    var rng = SeededGenerator(seed: seed)
    var x = [Float](), labels = [Int32]()
    for _ in 0..<count {
        let c = rng.index(below: 3)
        var img = (0..<36).map { _ in rng.uniform(0, 0.3) }
        let k = rng.index(below: 6)
        for t in 0..<6 {
            switch c {
            case 0: img[k * 6 + t] += 0.7
            case 1: img[t * 6 + k] += 0.7
            default: img[t * 6 + (t + k) % 6] += 0.7
            }
        }
        x += img
        labels.append(Int32(c))
    }
    return Samples(features: x, sampleShape: [6, 6, 1], labels: labels, classes: 3, source: "bars")
}

final class TrainerTests: XCTestCase {
    private func smallCNN(seed: UInt64) throws -> Sequential {
        try Sequential([Conv2D(filters: 8, activation: .relu), MaxPool2D(), Flatten(),
                        Dense(units: 16, activation: .relu), Dropout(rate: 0.1), Dense(units: 3, activation: .softmax)])
            .build(inputShape: [6, 6, 1], seed: seed)
    }

    func testLearnsBarsAndReportsHistory() throws {
        let model = try smallCNN(seed: 3)
        let trainer = Trainer(model: model, loss: .categoricalCrossEntropy, optimizer: Adam(learningRate: 0.01))
        var reports = 0
        trainer.observer = { _ in reports += 1 }
        let history = try trainer.fit(barImages(count: 600, seed: 1),
                                      configuration: TrainingConfiguration(epochs: 8, batchSize: 32, validationSplit: 0.2, seed: 4))
        XCTAssertEqual(history.epochs.count, 8)
        XCTAssertEqual(reports, 8 * (15 + 1), "one report per batch (480/32 = 15) plus one per epoch")
        XCTAssertLessThan(history.epochs.last!.trainLoss, history.epochs.first!.trainLoss)
        let test = trainer.evaluate(barImages(count: 300, seed: 2))
        XCTAssertGreaterThan(test.accuracy ?? 0, 0.95, "accuracy \(test.accuracy ?? 0)")
        XCTAssertEqual(test.confusion?.total, 300)
        XCTAssertNotNil(history.epochs.last?.validationLoss)
    }

    func testValidationSplitTakesTheTailLikeKeras() {
        let data = barImages(count: 10, seed: 1)
        let (head, tail) = data.splitTail(fraction: 0.2)
        XCTAssertEqual(head.count, 8)
        XCTAssertEqual(tail.labels, Array(data.labels!.suffix(2)))
        XCTAssertEqual(tail.features, Array(data.features.suffix(72)))
    }

    func testEarlyStoppingStopsAfterPatienceEpochsWithoutImprovement() throws {
        // A learning rate far too large makes the validation loss stop improving.
        let model = try smallCNN(seed: 3)
        let trainer = Trainer(model: model, loss: .categoricalCrossEntropy, optimizer: SGD(learningRate: 5))
        let history = try trainer.fit(barImages(count: 200, seed: 1),
                                      configuration: TrainingConfiguration(epochs: 30, batchSize: 20, validationSplit: 0.25,
                                                                           patience: 2, seed: 4))
        XCTAssertTrue(history.stoppedEarly)
        let best = try XCTUnwrap(history.bestEpoch)
        XCTAssertEqual(history.epochs.count, best + 2)
    }

    /// Same seed and thread count ⇒ bit-identical weights (compared as saved files).
    func testSameSeedGivesIdenticalWeightFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-det-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        ComputeThreads.set(2)
        var files: [Data] = []
        for run in 0..<3 {
            let seed: UInt64 = run < 2 ? 9 : 10
            let model = try smallCNN(seed: seed)
            let trainer = Trainer(model: model, loss: .categoricalCrossEntropy, optimizer: Adam())
            _ = try trainer.fit(barImages(count: 256, seed: 1),
                                configuration: TrainingConfiguration(epochs: 2, batchSize: 32, seed: seed))
            let url = dir.appendingPathComponent("run\(run).safetensors")
            try Safetensors.save(model, to: url)
            files.append(try Data(contentsOf: url))
        }
        XCTAssertEqual(files[0], files[1], "same seed, same threads: identical bytes")
        XCTAssertNotEqual(files[0], files[2], "another seed: other weights")
    }

    /// The batch is split into two fixed halves whatever the thread count, so one and two
    /// threads give the same weights, bit for bit.
    func testWeightsDoNotDependOnTheThreadCount() throws {
        var weights: [[Float]] = []
        for threads in [1, 2] {
            ComputeThreads.set(threads)
            let model = try smallCNN(seed: 21)
            let trainer = Trainer(model: model, loss: .categoricalCrossEntropy, optimizer: Adam())
            _ = try trainer.fit(barImages(count: 256, seed: 1), configuration: TrainingConfiguration(epochs: 2, batchSize: 32, seed: 21))
            weights.append(model.parameters.flatMap { $0.value.array })
        }
        ComputeThreads.set(2)
        XCTAssertEqual(weights[0].map(\.bitPattern), weights[1].map(\.bitPattern))
    }

    func testWrongInputShapeNamesBothShapes() throws {
        let model = try smallCNN(seed: 1)
        let trainer = Trainer(model: model, loss: .categoricalCrossEntropy, optimizer: Adam())
        let wrong = Samples(features: [Float](repeating: 0, count: 2 * 64), sampleShape: [8, 8, 1], labels: [0, 1], classes: 3,
                            source: "digits/train")
        XCTAssertThrowsError(try trainer.fit(wrong, configuration: TrainingConfiguration(epochs: 1))) { error in
            XCTAssertEqual(error as? NNError, .inputShape(expected: [6, 6, 1], found: [8, 8, 1], source: "digits/train"))
            XCTAssertTrue(String(describing: error).contains("samples are 8×8×1 but the model expects 6×6×1"))
        }
    }

    func testClassCountMismatchNamesTheOutputLayer() throws {
        let model = try smallCNN(seed: 1)
        let trainer = Trainer(model: model, loss: .categoricalCrossEntropy, optimizer: Adam())
        let data = Samples(features: [Float](repeating: 0, count: 36), sampleShape: [6, 6, 1], labels: [0], classes: 10, source: "x")
        XCTAssertThrowsError(try trainer.fit(data, configuration: TrainingConfiguration(epochs: 1))) { error in
            XCTAssertEqual(error as? NNError, .outputWidth(layer: "dense_1", expected: 10, found: 3))
        }
    }

    func testRegressionWithMSE() throws {
        // 004 §5.2's shape: Dense 64 → 32 → 1 on a real function y = sin(x1) + x2².
        var rng = SeededGenerator(seed: 2)
        var x = [Float](), y = [Float]()
        for _ in 0..<512 {
            let a = rng.uniform(-2, 2), b = rng.uniform(-1, 1)
            x += [a, b]
            y.append(Float(Foundation.sin(Double(a))) + b * b)
        }
        let data = Samples(features: x, sampleShape: [2], values: y, width: 1, source: "sensor")
        let model = try Sequential([Dense(units: 64, activation: .relu), Dense(units: 32, activation: .relu), Dense(units: 1)])
            .build(inputShape: [2], seed: 1)
        let trainer = Trainer(model: model, loss: .meanSquaredError, optimizer: Adam(learningRate: 0.01))
        let before = trainer.evaluate(data).loss
        _ = try trainer.fit(data, configuration: TrainingConfiguration(epochs: 40, batchSize: 32, seed: 1))
        let after = trainer.evaluate(data).loss
        XCTAssertLessThan(after, before / 10, "MSE \(before) → \(after)")
        XCTAssertNil(trainer.evaluate(data).accuracy)
    }
}
