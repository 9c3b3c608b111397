import Foundation
import LeptonCore
import XCTest
import LeptonEmulation
import LeptonNN
import LeptonTensor
@testable import LeptonFederated

final class FederatedTrainingTests: XCTestCase {
    /// Acceptance 4 of issue 12: one FedAvg round with K = 1, C = 1, E = 1 is plain
    /// centralised training for one epoch on the same shard and order, bit for bit.
    func testOneClientOneRoundEqualsCentralisedEpoch() throws {
        let train = TestData.blobs(count: 203), test = TestData.blobs(count: 40, seed: 8)
        let shard = Array(0..<train.count)
        let config = FederatedConfiguration(clientFraction: 1, localEpochs: 1, batchSize: 7, learningRate: 0.05, rounds: 1, seed: 42)
        let global = try TestData.mlp(seed: 5)
        let fl = try FederatedTraining(model: global, localModel: try TestData.mlp(seed: 99), clients: [TestData.client("c0", indices: shard)],
                                       train: train, test: test, configuration: config)
        try fl.round()

        let central = try TestData.mlp(seed: 5)
        _ = try Trainer(model: central, loss: .categoricalCrossEntropy, optimizer: SGD(learningRate: 0.05))
            .fit(train.subset(shard), configuration: TrainingConfiguration(epochs: 1, batchSize: 7, shuffle: true,
                                                                          seed: config.clientSeed(round: 1, client: 0)))
        let a = TestData.weights(global), b = TestData.weights(central)
        XCTAssertEqual(a.map { $0.map(\.bitPattern) }, b.map { $0.map(\.bitPattern) })
        // And training really moved the weights.
        XCTAssertNotEqual(a, TestData.weights(try TestData.mlp(seed: 5)))
    }

    /// FedSGD with every client selected is one gradient step on the pooled data: the
    /// sample-weighted average of the clients' steps (up to float rounding).
    func testFedSGDWithAllClientsIsOnePooledGradientStep() throws {
        let train = TestData.blobs(count: 120), test = TestData.blobs(count: 20, seed: 3)
        let parts = [Array(0..<50), Array(50..<80), Array(80..<120)]   // unequal n_k
        let clients = parts.enumerated().map { TestData.client("c\($0)", indices: $1) }
        let config = FederatedConfiguration.fedSGD(clientFraction: 1, learningRate: 0.5, rounds: 1)
        let global = try TestData.mlp(seed: 11)
        let fl = try FederatedTraining(model: global, localModel: try TestData.mlp(seed: 0), clients: clients, train: train,
                                       test: test, configuration: config)
        try fl.round()
        let pooled = try TestData.mlp(seed: 11)
        _ = try Trainer(model: pooled, loss: .categoricalCrossEntropy, optimizer: SGD(learningRate: 0.5))
            .fit(train, configuration: TrainingConfiguration(epochs: 1, batchSize: train.count, shuffle: false))
        for (x, y) in zip(TestData.weights(global), TestData.weights(pooled)) {
            for (u, v) in zip(x, y) { XCTAssertEqual(u, v, accuracy: 1e-5) }
        }
    }

    func testSameSeedSameRoundsWhateverTheThreadCount() throws {
        func run(threads: Int, seed: UInt64) throws -> [RoundRecord] {
            let saved = ComputeThreads.count
            ComputeThreads.set(threads)
            defer { ComputeThreads.set(saved) }
            let train = TestData.blobs(count: 300), test = TestData.blobs(count: 60, seed: 9)
            let shards = try Partition.pathological(shardsPerClient: 2).split(labels: train.labels ?? [], classes: 4, clients: 6, seed: seed)
            let config = FederatedConfiguration(clientFraction: 0.5, localEpochs: 2, batchSize: 5, learningRate: 0.05, rounds: 4,
                                                seed: seed, stragglerProbability: 0.3, dropoutProbability: 0.2, compression: .int8)
            let fl = try FederatedTraining(model: try TestData.mlp(seed: seed), localModel: try TestData.mlp(seed: 0),
                                           clients: ClientFleet.make(shards: shards), train: train, test: test, configuration: config)
            return try fl.run()
        }
        let one = try run(threads: 1, seed: 3), two = try run(threads: 2, seed: 3)
        XCTAssertEqual(one, two)
        XCTAssertEqual(one.count, 4)
        XCTAssertNotEqual(one, try run(threads: 2, seed: 4))
    }

    /// Round time = slowest client's download (downlink) + compute + upload (uplink);
    /// bytes = every selected client's download + every arriving client's upload.
    func testRoundTimeAndBytesUseEachDirection() throws {
        let train = TestData.blobs(count: 100), test = TestData.blobs(count: 20, seed: 2)
        let fast = TestData.client("fast", indices: Array(0..<50), rate: .gigaFLOPS(10), up: .megabitsPerSecond(20), down: .megabitsPerSecond(100))
        let slow = TestData.client("slow", indices: Array(50..<100), rate: .gigaFLOPS(1), up: .megabitsPerSecond(1), down: .megabitsPerSecond(10))
        let config = FederatedConfiguration(clientFraction: 1, localEpochs: 2, batchSize: 10, learningRate: 0.05, rounds: 1)
        let model = try TestData.mlp(seed: 1)
        let fl = try FederatedTraining(model: model, localModel: try TestData.mlp(seed: 2), clients: [fast, slow], train: train,
                                       test: test, configuration: config)
        let r = try fl.round()
        let payload = fl.modelBytes
        func expected(_ c: FederatedClient) -> SimDuration {
            c.link.idealTransferTime(payload, direction: .down)
                + Clock.modelled().modelledTime(flops: 3 * model.forwardFLOPs * c.sampleCount * 2, on: c.tier)
                + c.link.idealTransferTime(payload, direction: .up)
        }
        XCTAssertEqual(r.duration, max(expected(fast), expected(slow)))
        XCTAssertEqual(r.duration, expected(slow))
        XCTAssertEqual(r.downlinkBytes, fast.link.wireBytes(for: payload) * 2)
        XCTAssertEqual(r.uplinkBytes, fast.link.wireBytes(for: payload) * 2)
        XCTAssertEqual(r.cumulativeBytes, r.downlinkBytes + r.uplinkBytes)
        // The uplink of the slow client is 10× slower than its downlink.
        XCTAssertGreaterThan(slow.link.idealTransferTime(payload, direction: .up), slow.link.idealTransferTime(payload, direction: .down))
    }

    func testDropoutsSendNoUpdateAndStragglersAreSlower() throws {
        let train = TestData.blobs(count: 200), test = TestData.blobs(count: 20, seed: 2)
        let shards = try Partition.iid.split(labels: train.labels ?? [], classes: 4, clients: 10, seed: 1)
        let clients = shards.enumerated().map { TestData.client("c\($0)", indices: $1) }
        let config = FederatedConfiguration(clientFraction: 1, localEpochs: 1, batchSize: 10, learningRate: 0.05, rounds: 5,
                                            seed: 9, stragglerProbability: 0.5, stragglerSlowdown: 5, dropoutProbability: 0.3)
        let fl = try FederatedTraining(model: try TestData.mlp(seed: 1), localModel: try TestData.mlp(seed: 2), clients: clients,
                                       train: train, test: test, configuration: config)
        let rounds = try fl.run()
        let dropped = rounds.reduce(0) { $0 + $1.dropped.count }
        XCTAssertGreaterThan(dropped, 0)
        let perUpload = clients[0].link.wireBytes(for: fl.modelBytes)
        for r in rounds {
            XCTAssertEqual(r.uplinkBytes, perUpload * (r.selected.count - r.dropped.count))
            XCTAssertEqual(r.downlinkBytes, perUpload * r.selected.count)
            XCTAssertEqual(r.samples, r.selected.filter { !r.dropped.contains($0) }.reduce(0) { $0 + clients[$1].sampleCount })
        }
        let plain = Clock.modelled().modelledTime(flops: 3 * fl.model.forwardFLOPs * 20, on: clients[0].tier)
        let withStraggler = rounds.first { r in r.stragglers.contains { !r.dropped.contains($0) } }
        XCTAssertNotNil(withStraggler)
        XCTAssertEqual(withStraggler?.slowestCompute, SimDuration(seconds: plain.seconds * 5))
    }

    func testCompressedUpdatesCostFewerBytesAndStillLearn() throws {
        let train = TestData.blobs(count: 400), test = TestData.blobs(count: 100, seed: 5)
        let shards = try Partition.iid.split(labels: train.labels ?? [], classes: 4, clients: 4, seed: 1)
        func run(_ compression: UpdateCompression) throws -> [RoundRecord] {
            let config = FederatedConfiguration(clientFraction: 1, localEpochs: 1, batchSize: 10, learningRate: 0.05, rounds: 5,
                                                compression: compression)
            return try FederatedTraining(model: try TestData.mlp(seed: 1), localModel: try TestData.mlp(seed: 2),
                                         clients: ClientFleet.make(shards: shards), train: train, test: test, configuration: config).run()
        }
        let full = try run(.none), int8 = try run(.int8), top = try run(.topK(fraction: 0.1))
        XCTAssertLessThan(int8[0].uplinkBytes, full[0].uplinkBytes)
        XCTAssertLessThan(top[0].uplinkBytes, full[0].uplinkBytes)
        XCTAssertEqual(int8[0].downlinkBytes, full[0].downlinkBytes)
        let start = try FederatedTraining(model: try TestData.mlp(seed: 1), localModel: try TestData.mlp(seed: 2),
                                          clients: ClientFleet.make(shards: shards), train: train, test: test,
                                          configuration: FederatedConfiguration(rounds: 1)).evaluatorAccuracy()
        XCTAssertGreaterThan(int8.last?.testAccuracy ?? 0, start + 0.2)
        XCTAssertGreaterThan(full.last?.testAccuracy ?? 0, start + 0.2)
    }

    func testStopsAtTargetAndSummarises() throws {
        let train = TestData.blobs(count: 400), test = TestData.blobs(count: 100, seed: 5)
        let shards = try Partition.iid.split(labels: train.labels ?? [], classes: 4, clients: 5, seed: 1)
        let config = FederatedConfiguration(clientFraction: 0.4, localEpochs: 2, batchSize: 10, learningRate: 0.05, rounds: 50,
                                            targetAccuracy: 0.8)
        let fl = try FederatedTraining(model: try TestData.mlp(seed: 1), localModel: try TestData.mlp(seed: 2),
                                       clients: ClientFleet.make(shards: shards), train: train, test: test, configuration: config)
        let h = try fl.run()
        let s = FederatedSummary(history: h, target: 0.8)
        XCTAssertEqual(s.roundsToTarget, h.count)
        XCTAssertLessThan(h.count, 50)
        XCTAssertEqual(s.bytesToTarget, h.last?.cumulativeBytes)
        XCTAssertEqual(FederatedSummary(history: h, target: 1.01).roundsToTarget, nil)
    }

    func testRefusesClientsThatCannotTrainOrReachTheServer() throws {
        let train = TestData.blobs(count: 40), test = TestData.blobs(count: 10)
        var tiny = TestData.client("tiny", indices: Array(0..<40))
        tiny.tier.memory = .bytes(100)
        XCTAssertThrowsError(try FederatedTraining(model: try TestData.mlp(seed: 1), localModel: try TestData.mlp(seed: 2), clients: [tiny],
                                                   train: train, test: test, configuration: FederatedConfiguration())) {
            XCTAssertTrue("\($0)".contains("client tiny"), "\($0)")
        }
        var lost = TestData.client("lost", indices: Array(0..<40))
        lost.link = Link("lost", "elsewhere", bandwidth: .megabitsPerSecond(1), latency: .zero)
        XCTAssertThrowsError(try FederatedTraining(model: try TestData.mlp(seed: 1), localModel: try TestData.mlp(seed: 2), clients: [lost],
                                                   train: train, test: test, configuration: FederatedConfiguration())) {
            XCTAssertEqual($0 as? FederatedError, .linkMismatch(client: "lost", link: "lost↔elsewhere", server: "cloud"))
        }
        XCTAssertThrowsError(try FederatedConfiguration(clientFraction: 0).validate()) { XCTAssertTrue("\($0)".contains("C (clientFraction)")) }
    }
}

extension FederatedTraining {
    /// The current global model's test accuracy (for tests).
    func evaluatorAccuracy() -> Double {
        Trainer(model: model, loss: loss, optimizer: SGD()).evaluate(test).accuracy ?? 0
    }
}

final class FederatedDropoutEdgeTests: XCTestCase {
    /// A round in which every selected client drops out leaves the model unchanged and
    /// records no training loss (so histories stay encodable as JSON).
    func testAllClientsDroppedKeepsTheModel() throws {
        let train = TestData.blobs(count: 40), test = TestData.blobs(count: 10, seed: 2)
        let config = FederatedConfiguration(clientFraction: 1, localEpochs: 1, batchSize: 10, learningRate: 0.05, rounds: 1,
                                            seed: 1, dropoutProbability: 0.999)
        let model = try TestData.mlp(seed: 3)
        let before = TestData.weights(model)
        let fl = try FederatedTraining(model: model, localModel: try TestData.mlp(seed: 4),
                                       clients: [TestData.client("a", indices: Array(0..<20)), TestData.client("b", indices: Array(20..<40))],
                                       train: train, test: test, configuration: config)
        let r = try fl.round()
        XCTAssertEqual(r.dropped, [0, 1])
        XCTAssertEqual(r.samples, 0)
        XCTAssertNil(r.trainLoss)
        XCTAssertEqual(r.uplinkBytes, .zero)
        XCTAssertEqual(r.duration, .zero)
        XCTAssertEqual(TestData.weights(model), before)
        XCTAssertNoThrow(try JSONEncoder().encode(fl.history))
    }
}
