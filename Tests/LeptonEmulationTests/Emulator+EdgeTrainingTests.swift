import LeptonCore
import XCTest
@testable import LeptonEmulation
import LeptonNN
import LeptonTensor

final class EmulatorEdgeTrainingTests: XCTestCase {
    /// 000's pipeline: train on the edge, ship the real weight file, infer in the cloud.
    func testTrainOnEdgeShipWeightsInferInCloud() throws {
        let topology = try edgeCloud(bandwidth: .megabitsPerSecond(4), latency: .milliseconds(25))
        let emulator = Emulator(topology: topology, clock: .modelled())
        let model = try barArchitecture(seed: 5)
        let cloudModel = try barArchitecture(seed: 6)
        let config = TrainingConfiguration(epochs: 3, batchSize: 32, validationSplit: 0.25, seed: 2)
        let train = barImages(count: 400, seed: 41), test = barImages(count: 200, seed: 42)
        let report = try emulator.trainOnEdge(model, shipTo: cloudModel, train: train, test: test, optimizer: Adam(learningRate: 0.01),
                                              configuration: config, edge: "edge")
        XCTAssertTrue(report.weightsIdentical)
        XCTAssertGreaterThan(report.cloudEvaluation.accuracy ?? 0, 0.8)
        XCTAssertGreaterThan(report.weightBytes.bytes, 4 * model.parameterCount, "weights plus the safetensors header")
        XCTAssertEqual(report.transfer.payload, report.weightBytes)
        XCTAssertEqual(report.transfer.duration, topology.links[0].idealTransferTime(report.weightBytes))
        let flops = 3 * model.forwardFLOPs * 300 * 3 + model.forwardFLOPs * 100 * 3
        XCTAssertEqual(report.trainTime, Clock.modelled().modelledTime(flops: flops, on: topology.tiers[0]))
        XCTAssertEqual(report.total, report.trainTime + report.pack + report.transfer.duration + report.unpack)
        XCTAssertEqual(report.clock.kind, .modelled)
    }

    func testTrainingThatDoesNotFitTheEdgeIsRefused() throws {
        let topology = try edgeCloud(edgeMemory: .kilobytes(40))
        XCTAssertThrowsError(try Emulator(topology: topology).trainOnEdge(
            try barArchitecture(), shipTo: try barArchitecture(), train: barImages(count: 10, seed: 1), test: barImages(count: 5, seed: 2),
            optimizer: Adam(), configuration: TrainingConfiguration(epochs: 1, batchSize: 8), edge: "edge")) {
            XCTAssertTrue("\($0)".contains("training the model") && "\($0)".contains("40.00 kB"), "\($0)")
        }
    }
}
