import XCTest
@testable import LeptonNN

final class DivergenceMonitorTests: XCTestCase {
    private func batch(_ epoch: Int, _ loss: Double) -> TrainingProgress {
        TrainingProgress(epoch: epoch, epochs: 5, batch: 1, batches: 2, runningLoss: loss, finished: nil)
    }

    private func end(_ epoch: Int, _ loss: Double) -> TrainingProgress {
        TrainingProgress(epoch: epoch, epochs: 5, batch: 2, batches: 2, runningLoss: loss,
                         finished: EpochRecord(epoch: epoch, trainLoss: loss, trainAccuracy: nil, validationLoss: nil,
                                               validationAccuracy: nil, seconds: 0, validationSeconds: 0))
    }

    func testDecreasingLossIsNotFlagged() {
        var m = DivergenceMonitor()
        for (e, loss) in [(1, 2.3), (2, 1.1), (3, 0.6)] { m.observe(batch(e, loss + 0.1)); m.observe(end(e, loss)) }
        XCTAssertNil(m.divergence)
        XCTAssertEqual(m.startLoss, 2.4)
    }

    func testGrowthBeyondThreeTimesTheStartIsFlaggedAtItsEpoch() {
        var m = DivergenceMonitor()
        m.observe(batch(1, 2.0)); m.observe(end(1, 5.9))
        XCTAssertNil(m.divergence, "5.9 < 3 × 2.0")
        m.observe(batch(2, 6.5)); m.observe(end(2, 6.1))
        XCTAssertEqual(m.divergence, Divergence(epoch: 2, loss: 6.1, startLoss: 2.0, reason: .growth))
        m.observe(end(3, .nan))
        XCTAssertEqual(m.divergence?.epoch, 2, "the first divergence is kept")
    }

    func testNonFiniteLossMidEpochIsFlagged() {
        var m = DivergenceMonitor()
        m.observe(batch(1, 2.3)); m.observe(end(1, 1.0)); m.observe(batch(2, .infinity))
        XCTAssertEqual(m.divergence?.reason, .nonFinite)
        XCTAssertEqual(m.divergence?.epoch, 2)
    }

    /// A real run: SGD at learning rate 50 on a small softmax classifier diverges in epoch 1.
    func testRealTrainingWithAHugeLearningRateIsFlagged() throws {
        let features = (0..<240).map { Float(($0 * 7919) % 97) / 97 }
        let labels = (0..<60).map { Int32($0 % 3) }
        let data = Samples(features: features, sampleShape: [4], labels: labels, classes: 3, source: "synthetic")
        for (rate, diverges) in [(Float(50), true), (Float(0.05), false)] {
            let m = try Sequential([Dense(units: 16, activation: .relu), Dense(units: 3, activation: .softmax)]).build(inputShape: [4], seed: 1)
            let trainer = Trainer(model: m, loss: .categoricalCrossEntropy, optimizer: SGD(learningRate: rate))
            nonisolated(unsafe) var monitor = DivergenceMonitor()
            trainer.observer = { monitor.observe($0) }
            _ = try trainer.fit(data, configuration: TrainingConfiguration(epochs: 3, batchSize: 8, seed: 1))
            XCTAssertEqual(monitor.divergence != nil, diverges, "learning rate \(rate): \(String(describing: monitor.divergence))")
        }
    }
}
