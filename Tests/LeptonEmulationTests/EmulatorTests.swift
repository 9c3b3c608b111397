import LeptonCore
import XCTest
@testable import LeptonEmulation
import LeptonNN
import LeptonTensor

final class EmulatorTests: XCTestCase {
    private func predictions(_ model: Sequential, _ data: Samples) -> [Int] {
        (0..<data.count).map { i in
            let x = Tensor(shape: [1, 6, 6, 1], values: Array(data.features[(i * 36)..<((i + 1) * 36)]))
            let out = model.forward(x)
            return Elementwise.argmax(out.pointer, out.sampleSize)
        }
    }

    /// Predictions are real: every cut gives the full model's predictions (float32 and
    /// JSON are lossless), so the reported accuracy is the model's accuracy.
    func testEveryCutGivesTheModelsPredictions() throws {
        let model = try trainedBarModel()
        let data = barImages(count: 40, seed: 11)
        let expected = predictions(model, data)
        let topology = try edgeCloud()
        let emulator = Emulator(topology: topology, clock: .modelled())
        for k in model.splitPoints {
            for enc in [TransferEncoding.float32, .json] {
                let report = try emulator.run(SplitInference(model: model, policy: .fixed(k), encoding: enc),
                                              workload: .poisson(ratePerSecond: 20, requestsPerEdge: 40), samples: data)
                XCTAssertEqual(report.requests.map { $0.predicted ?? -1 }, report.requests.map { expected[$0.sample] }, "cut \(k) \(enc)")
                XCTAssertEqual(report.completed.count, 40)
                XCTAssertTrue(report.requests.allSatisfy { $0.split == k })
                assertInvariants(report, topology)
            }
        }
        let lossy = try emulator.run(SplitInference(model: model, policy: .fixed(2), encoding: .uint8),
                                     workload: .poisson(ratePerSecond: 20, requestsPerEdge: 40), samples: data)
        let agree = zip(lossy.requests, expected).filter { $0.0.predicted == $0.1 }.count
        XCTAssertGreaterThanOrEqual(agree, 38, "uint8 activations change at most a few predictions")
    }

    /// Acceptance 1: with the modelled clock, reports are bit-identical across runs and
    /// host thread counts — jitter, loss, queueing and adaptive decisions included.
    func testModelledClockIsBitIdenticalAcrossRunsAndThreadCounts() throws {
        let model = try trainedBarModel()
        let data = barImages(count: 30, seed: 12)
        // A slow edge and a short link: the adaptive policy sends most work over the lossy link.
        let topology = try edgeCloud(edgeSpeed: 0.0001, edgeCores: 2, bandwidth: .megabitsPerSecond(2), latency: .milliseconds(1),
                                     jitter: .milliseconds(3), loss: 0.05)
        let latency = LatencyModel.profile([model], clock: .modelled(), batches: [1, 2, 4])
        var reports: [EmulationReport] = []
        let saved = ComputeThreads.count
        defer { ComputeThreads.set(saved) }
        for threads in [1, 2, 1, 2] {
            ComputeThreads.set(threads)
            let emulator = Emulator(topology: topology, clock: .modelled(), seed: 99)
            reports.append(try emulator.run(SplitInference(model: model, policy: .adaptive, encoding: .json, latencyModel: latency),
                                            workload: .poisson(ratePerSecond: 200, requestsPerEdge: 60), samples: data))
        }
        for r in reports.dropFirst() { XCTAssertEqual(r, reports[0]) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try reports.map { try encoder.encode($0) }
        XCTAssertEqual(Set(json).count, 1, "the encoded reports are byte-identical")
        XCTAssertEqual(reports[0].clock.kind, .modelled)
        XCTAssertTrue(reports[0].clockDescription.contains("modelled"))
        assertInvariants(reports[0], topology)
        XCTAssertGreaterThan(reports[0].links.reduce(0) { $0 + $1.retransmittedPackets }, 0, "loss was exercised")
    }

    /// Acceptance 2 under load: queues form, bounded queues drop, everything is accounted.
    func testInvariantsHoldUnderOverloadWithDrops() throws {
        let model = try trainedBarModel()
        let data = barImages(count: 25, seed: 13)
        let topology = try edgeCloud(edgeSpeed: 0.0001, edgeCores: 2, cloudCores: 2, bandwidth: .megabitsPerSecond(1),
                                     jitter: .milliseconds(2), loss: 0.02, queueCapacity: 3)
        let emulator = Emulator(topology: topology, clock: .modelled(), seed: 5)
        let report = try emulator.run(SplitInference(model: model, policy: .fixed(3), encoding: .float32),
                                      workload: .poisson(ratePerSecond: 2000, requestsPerEdge: 100), samples: data)
        XCTAssertGreaterThan(report.droppedCount, 0, "a 3-deep queue at an overloaded edge drops requests")
        XCTAssertEqual(report.completed.count + report.droppedCount, 100)
        XCTAssertEqual(report.tiers.first { $0.tier == "edge" }?.maxConcurrentJobs, 2)
        XCTAssertLessThanOrEqual(report.tiers.first { $0.tier == "edge" }?.maxQueueLength ?? 99, 3)
        XCTAssertGreaterThan(report.completed.map(\.breakdown.edgeQueue).max() ?? .zero, .zero)
        assertInvariants(report, topology)
        // Unbounded queues: nothing dropped, everything drains.
        let unbounded = try edgeCloud(edgeSpeed: 0.0001, edgeCores: 2, cloudCores: 2, bandwidth: .megabitsPerSecond(1),
                                      jitter: .milliseconds(2), loss: 0.02)
        let open = try Emulator(topology: unbounded, clock: .modelled(), seed: 5).run(
            SplitInference(model: model, policy: .fixed(3)), workload: .poisson(ratePerSecond: 2000, requestsPerEdge: 100), samples: data)
        XCTAssertEqual(open.droppedCount, 0)
        XCTAssertGreaterThan(open.tiers.first { $0.tier == "edge" }?.maxQueueLength ?? 0, 3)
        assertInvariants(open, unbounded)
    }

    /// The modelled breakdown is the documented arithmetic: FLOPs ÷ rate per layer, the
    /// link formula, and pack/unpack operations per element.
    func testModelledBreakdownFollowsTheFormulas() throws {
        let model = try trainedBarModel()
        let data = barImages(count: 1, seed: 14)
        let topology = try edgeCloud(edgeSpeed: 0.5)
        let clock = Clock.modelled(reference: .gigaFLOPS(2))
        let report = try Emulator(topology: topology, clock: clock).run(
            SplitInference(model: model, policy: .fixed(2), encoding: .int8), workload: .evenlySpaced(count: 1, gap: .zero),
            samples: data)
        let r = try XCTUnwrap(report.requests.first)
        let edge = topology.tiers[0], cloud = topology.tiers[1], link = topology.links[0]
        let edgeRate = 0.5 * 2e9, cloudRate = 2e9
        func ns(_ flops: Int, _ rate: Double) -> SimDuration { SimDuration(seconds: Double(flops) / rate) }
        XCTAssertEqual(r.breakdown.edgeCompute, ns(model.layers[0].forwardFLOPs, edgeRate) + ns(model.layers[1].forwardFLOPs, edgeRate))
        XCTAssertEqual(r.breakdown.cloudCompute, (2..<5).reduce(SimDuration.zero) { $0 + ns(model.layers[$1].forwardFLOPs, cloudRate) })
        let crossing = model.shape(afterLayers: 2).reduce(1, *)
        XCTAssertEqual(r.breakdown.pack, ns(3 * crossing, edgeRate))
        XCTAssertEqual(r.breakdown.unpack, ns(2 * crossing, cloudRate))
        XCTAssertEqual(r.payload, TransferEncoding.int8.encodedSize(shape: [1] + model.shape(afterLayers: 2)))
        XCTAssertEqual(r.breakdown.uplinkWire, link.idealTransferTime(r.payload))
        XCTAssertEqual(r.breakdown.downlinkWire, link.idealTransferTime(.bytes(4)))
        XCTAssertEqual(r.breakdown.queueing, .zero)
        XCTAssertEqual(r.latency, r.breakdown.total)
        _ = (edge, cloud)
        // Energy: the documented power model.
        let usage = try XCTUnwrap(report.tiers.first { $0.tier == "edge" })
        let expected = edge.power.idle.watts * report.span.seconds
            + (edge.power.busy.watts - edge.power.idle.watts) * usage.utilisation * report.span.seconds
        XCTAssertEqual(usage.energy.joules, expected, accuracy: 1e-12)
        XCTAssertEqual(usage.busy, r.breakdown.edgeCompute + r.breakdown.pack)
    }

    func testMeasuredClockRunsAndSaysSo() throws {
        let model = try trainedBarModel()
        let data = barImages(count: 10, seed: 15)
        let topology = try edgeCloud()
        let report = try Emulator(topology: topology, clock: .measured()).run(
            SplitInference(model: model, policy: .fixed(3), encoding: .json), workload: .poisson(ratePerSecond: 50, requestsPerEdge: 10),
            samples: data)
        XCTAssertEqual(report.clock.kind, .measured)
        XCTAssertTrue(report.clockDescription.contains("measured"))
        XCTAssertTrue(report.completed.allSatisfy { $0.breakdown.edgeCompute > .zero && $0.breakdown.pack > .zero })
        assertInvariants(report, topology)
    }

    func testSeveralEdgesShareOneCloud() throws {
        let model = try trainedBarModel()
        let topology = try Topology(
            tiers: [.edge("cam-1"), .edge("cam-2", speed: .relative(0.1)), .cloud("cloud", cores: 1)],
            links: [Link("cam-1", "cloud", bandwidth: .megabitsPerSecond(5), latency: .milliseconds(5)),
                    Link("cam-2", "cloud", bandwidth: .megabitsPerSecond(1), latency: .milliseconds(30))])
        let report = try Emulator(topology: topology).run(SplitInference(model: model, policy: .cloudOnly),
                                                          workload: .poisson(ratePerSecond: 100, requestsPerEdge: 30),
                                                          samples: barImages(count: 10, seed: 16))
        XCTAssertEqual(Set(report.requests.map(\.edge)), ["cam-1", "cam-2"])
        XCTAssertEqual(report.links.filter { $0.transfers > 0 }.count, 4)
        assertInvariants(report, topology)
    }

    func testMissingLatencyModelAndBadSplitAreErrors() throws {
        let model = try trainedBarModel()
        let emulator = Emulator(topology: try edgeCloud())
        let data = barImages(count: 2, seed: 1)
        XCTAssertThrowsError(try emulator.run(SplitInference(model: model, policy: .bestSplit),
                                              workload: .evenlySpaced(count: 1, gap: .zero), samples: data)) {
            XCTAssertTrue("\($0)".contains("latency model"), "\($0)")
        }
        XCTAssertThrowsError(try emulator.run(SplitInference(model: model, policy: .fixed(9)),
                                              workload: .evenlySpaced(count: 1, gap: .zero), samples: data)) {
            XCTAssertEqual($0 as? EmulationError, .invalidSplit(split: 9, layers: 5))
        }
        let wrongShape = Samples(features: [Float](repeating: 0, count: 49), sampleShape: [7, 7, 1], labels: [0], classes: 3, source: "7x7")
        XCTAssertThrowsError(try emulator.run(SplitInference(model: model, policy: .edgeOnly),
                                              workload: .evenlySpaced(count: 1, gap: .zero), samples: wrongShape)) {
            XCTAssertTrue("\($0)".contains("7x7"), "\($0)")
        }
    }

    func testPreprocessingRunsOnTheEdge() throws {
        let model = try trainedBarModel()
        let topology = try edgeCloud()
        let pre = Preprocessor([.gaussianBlur5x5(sigma: 1.1), .normalize])
        let report = try Emulator(topology: topology).run(
            SplitInference(model: model, policy: .cloudOnly, encoding: .json, preprocessing: pre),
            workload: .evenlySpaced(count: 5, gap: .seconds(1)), samples: barImages(count: 5, seed: 17))
        let r = try XCTUnwrap(report.requests.first)
        XCTAssertEqual(r.breakdown.preprocess, Clock.modelled().modelledTime(flops: pre.flops([6, 6, 1]), on: topology.tiers[0]))
        XCTAssertEqual(r.breakdown.edgeCompute, .zero)
        assertInvariants(report, topology)
    }
}
