import LeptonCore
import XCTest
@testable import LeptonEmulation
import LeptonNN
import LeptonTensor

final class SplitCostModelTests: XCTestCase {
    /// Acceptance 3: the best-split policy's cut equals exhaustive search over every cut
    /// under the same models — across links and tier speeds that move the optimum.
    func testBestSplitEqualsExhaustiveSearch() throws {
        let model = try trainedBarModel()
        let data = barImages(count: 4, seed: 21)
        let latency = LatencyModel.profile([model], clock: .modelled(), batches: [1, 2, 4, 8])
        var chosen = Set<Int>()
        for mbps in [0.01, 0.1, 1, 10, 100, 10_000.0] {
            for edgeSpeed in [0.001, 0.05, 1, 20.0] {
                for (enc, memory) in [(TransferEncoding.json, ByteCount.mebibytes(64)), (.float32, .mebibytes(64)),
                                      (.int8, .mebibytes(64)), (.json, .kilobytes(12)), (.float32, .kilobytes(12))] {
                    // 12 kB holds the convolution but not the 16.6 kB dense layer: only cuts 0…3 fit.
                    let topology = try edgeCloud(edgeSpeed: edgeSpeed, edgeMemory: memory, bandwidth: .megabitsPerSecond(mbps),
                                                 latency: .milliseconds(1))
                    let scenario = SplitInference(model: model, policy: .bestSplit, encoding: enc, latencyModel: latency)
                    let emulator = Emulator(topology: topology)
                    let cost = try emulator.costModel(for: scenario, edge: "edge", samples: data, latency: latency)
                    var exhaustive: (k: Int, t: SimDuration)?
                    for k in 0...model.layers.count where cost.feasible[k] {
                        let t = cost.predictedLatency(split: k)
                        if exhaustive == nil || t < (exhaustive?.t ?? t) { exhaustive = (k, t) }
                    }
                    XCTAssertEqual(cost.bestSplit(), exhaustive?.k, "\(mbps) Mbit/s, edge speed \(edgeSpeed), \(enc), \(memory)")
                    if memory < .mebibytes(1) { XCTAssertEqual(cost.feasible, [true, true, true, true, false, false]) }
                    let report = try emulator.run(scenario, workload: .evenlySpaced(count: 2, gap: .seconds(1)), samples: data)
                    XCTAssertEqual(Set(report.requests.map(\.split)), [exhaustive?.k ?? -1], "the policy uses the best cut")
                    chosen.insert(exhaustive?.k ?? -1)
                }
            }
        }
        XCTAssertTrue(chosen.contains(0) && chosen.contains(model.layers.count) && chosen.count >= 3,
                      "the grid moves the optimum between cloud-only, edge-only and a middle cut: \(chosen.sorted())")
    }

    /// On the modelled clock the per-layer predictions match what the emulation charges, so
    /// the best cut is also the one with the lowest emulated latency.
    func testPredictionsMatchTheModelledEmulation() throws {
        let model = try trainedBarModel()
        let data = barImages(count: 5, seed: 22)
        let latency = LatencyModel.profile([model], clock: .modelled(), batches: [1, 2, 4, 8])
        let topology = try edgeCloud(edgeSpeed: 0.05, bandwidth: .megabitsPerSecond(2))
        let emulator = Emulator(topology: topology)
        let scenario = SplitInference(model: model, policy: .bestSplit, encoding: .float32, latencyModel: latency)
        let sweep = try emulator.sweepSplits(scenario, samples: data, latency: latency, requests: 5)
        XCTAssertEqual(sweep.count, model.layers.count + 1)
        for p in sweep {
            XCTAssertLessThanOrEqual(abs(p.predicted.nanoseconds - p.emulated.nanoseconds), 1_000,
                                     "cut \(p.split): predicted \(p.predicted) vs emulated \(p.emulated)")
            XCTAssertLessThan(abs(p.relativeError), 1e-3)
        }
        let best = try XCTUnwrap(emulator.costModel(for: scenario, edge: "edge", samples: data, latency: latency).bestSplit())
        let minEmulated = sweep.map(\.emulated).min() ?? .zero
        let bestEmulated = try XCTUnwrap(sweep.first { $0.split == best }).emulated
        XCTAssertLessThanOrEqual(bestEmulated.nanoseconds - minEmulated.nanoseconds, 1_000)
    }

    func testAdaptivePolicyReactsToQueuesAndBandwidth() throws {
        let model = try trainedBarModel()
        let data = barImages(count: 20, seed: 23)
        let latency = LatencyModel.profile([model], clock: .modelled(), batches: [1, 2, 4])
        // A slow edge and a fast link: best split is cloud-only when idle. A slow link with
        // heavy loss makes the adaptive policy keep more work on the edge than best-split.
        let fast = try edgeCloud(edgeSpeed: 0.01, bandwidth: .megabitsPerSecond(100))
        let idle = try Emulator(topology: fast).run(SplitInference(model: model, policy: .adaptive, latencyModel: latency),
                                                    workload: .evenlySpaced(count: 5, gap: .seconds(1)), samples: data)
        let best = try Emulator(topology: fast).costModel(for: SplitInference(model: model, policy: .bestSplit), edge: "edge",
                                                          samples: data, latency: latency).bestSplit()
        XCTAssertEqual(Set(idle.requests.map(\.split)), [best ?? -1], "idle: adaptive = best split")

        // Under a burst the edge queue grows; the adaptive policy moves work off the edge.
        let slowEdge = try edgeCloud(edgeSpeed: 0.0002, bandwidth: .megabitsPerSecond(20))
        let scenario = SplitInference(model: model, policy: .adaptive, encoding: .float32, latencyModel: latency)
        let burst = try Emulator(topology: slowEdge).run(scenario, workload: .poisson(ratePerSecond: 5000, requestsPerEdge: 60),
                                                         samples: data)
        let bestUnderBurst = try Emulator(topology: slowEdge).run(SplitInference(model: model, policy: .bestSplit, encoding: .float32,
                                                                                  latencyModel: latency),
                                                                   workload: .poisson(ratePerSecond: 5000, requestsPerEdge: 60),
                                                                   samples: data)
        XCTAssertGreaterThan(Set(burst.requests.map(\.split)).count, 1, "adaptive changes its cut as queues change")
        XCTAssertLessThanOrEqual(burst.latency.p95, bestUnderBurst.latency.p95)
        assertInvariants(burst, slowEdge)
    }
}
