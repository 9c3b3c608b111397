import XCTest
@testable import LeptonEmulation
import LeptonNN
import LeptonTensor

final class LatencyModelTests: XCTestCase {
    func testModelledProfileIsRecoveredByTheRegressions() throws {
        let model = try trainedBarModel()
        let clock = Clock.modelled(reference: .gigaFLOPS(4))
        let latency = LatencyModel.profile([model], clock: clock, batches: [1, 2, 4, 8], encodings: [.json, .uint8])
        XCTAssertEqual(Set(latency.regressions.keys),
                       ["conv2d", "max_pooling2d", "flatten", "dense", "pack:json", "unpack:json", "pack:uint8", "unpack:uint8"])
        let tier = Tier.edge("e", speed: .relative(0.5))
        for i in model.layers.indices {
            let expected = clock.modelledTime(flops: model.layers[i].forwardFLOPs, on: tier)
            let predicted = latency.predictLayer(model, i, on: tier)
            XCTAssertLessThanOrEqual(abs(predicted.nanoseconds - expected.nanoseconds), 2, "layer \(model.layers[i].name)")
        }
        let pack = latency.predict(kind: "pack:json", flops: 0, elements: 1000, on: tier)
        XCTAssertLessThanOrEqual(abs(pack.nanoseconds - clock.modelledTime(flops: 40 * 1000, on: tier).nanoseconds), 2)
        XCTAssertEqual(LatencyModel.profile([model], clock: clock, batches: [1, 3]),
                       LatencyModel.profile([model], clock: clock, batches: [1, 3]), "deterministic")
    }

    func testMeasuredProfileTimesTheRealLayersAndReportsItsError() throws {
        let model = try trainedBarModel()
        let latency = LatencyModel.profile([model], clock: .measured(), batches: [1, 4, 16], repeats: 3, encodings: [.float32])
        let conv = latency.observations.filter { $0.kind == "conv2d" }
        XCTAssertEqual(conv.map(\.batch), [1, 4, 16])
        XCTAssertTrue(conv.allSatisfy { $0.seconds > 0 && $0.seconds < 1 })
        let host = Tier.cloud("host", speed: .relative(1))
        let slow = Tier.edge("slow", speed: .relative(0.25))
        let a = latency.predictLayer(model, 0, on: host), b = latency.predictLayer(model, 0, on: slow)
        XCTAssertEqual(Double(b.nanoseconds), 4 * Double(a.nanoseconds), accuracy: 4, "a quarter-speed tier takes four times as long")
        // Prediction error against what the measured emulation charges, reported per cut.
        let sweep = try Emulator(topology: try edgeCloud(), clock: .measured()).sweepSplits(
            SplitInference(model: model, policy: .bestSplit, latencyModel: latency), samples: barImages(count: 5, seed: 3),
            latency: latency, requests: 5)
        XCTAssertEqual(sweep.count, model.layers.count + 1)
        XCTAssertTrue(sweep.allSatisfy { $0.relativeError.isFinite && $0.emulated > .zero })
    }
}
