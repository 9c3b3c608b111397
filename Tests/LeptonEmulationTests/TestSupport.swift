import Foundation
import LeptonCore
import XCTest
@testable import LeptonEmulation
import LeptonNN
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

/// Conv 16 → pool → flatten → dense 64 → dense 3, untrained.
func barArchitecture(seed: UInt64 = 3) throws -> Sequential {
    try Sequential([Conv2D(filters: 16, activation: .relu), MaxPool2D(), Flatten(),
                    Dense(units: 64, activation: .relu), Dense(units: 3, activation: .softmax)])
        .build(inputShape: [6, 6, 1], seed: seed)
}

nonisolated(unsafe) private var cachedModel: Sequential?

/// The bar model trained once per test process (seeded, so always the same weights).
func trainedBarModel() throws -> Sequential {
    if let m = cachedModel { return m }
    let saved = ComputeThreads.count
    ComputeThreads.set(1)
    defer { ComputeThreads.set(saved) }
    let model = try barArchitecture()
    let trainer = Trainer(model: model, loss: .categoricalCrossEntropy, optimizer: Adam(learningRate: 0.01))
    _ = try trainer.fit(barImages(count: 600, seed: 1), configuration: TrainingConfiguration(epochs: 6, batchSize: 32, seed: 4))
    cachedModel = model
    return model
}

/// One edge tier and one cloud tier joined by one link.
func edgeCloud(edgeSpeed: Double = 0.25, edgeCores: Int = 1, edgeMemory: ByteCount = .mebibytes(64),
               cloudCores: Int = 4, bandwidth: Bandwidth = .megabitsPerSecond(10), latency: SimDuration = .milliseconds(10),
               jitter: SimDuration = .zero, loss: Double = 0, queueCapacity: Int? = nil) throws -> Topology {
    try Topology(tiers: [.edge("edge", speed: .relative(edgeSpeed), cores: edgeCores, memory: edgeMemory, queueCapacity: queueCapacity),
                         .cloud("cloud", cores: cloudCores)],
                 links: [Link("edge", "cloud", bandwidth: bandwidth, latency: latency, jitter: jitter, loss: loss)])
}

/// Checks the invariants every run must satisfy, naming the first that fails.
func assertInvariants(_ report: EmulationReport, _ topology: Topology, file: StaticString = #filePath, line: UInt = #line) {
    // No event before its cause; the clock never runs backwards.
    var executedAt: [UInt64: SimTime] = [:]
    var last = SimTime.zero
    for e in report.events {
        XCTAssertGreaterThanOrEqual(e.time, last, "event \(e.label) ran before the previous one", file: file, line: line)
        last = e.time
        if let c = e.cause {
            guard let causeTime = executedAt[c] else {
                XCTFail("event \(e.label) ran before its cause \(c)", file: file, line: line); continue
            }
            XCTAssertEqual(e.causeTime, causeTime, file: file, line: line)
            XCTAssertGreaterThanOrEqual(e.time, causeTime, "event \(e.label) before its cause", file: file, line: line)
        }
        executedAt[e.sequence] = e.time
    }
    // Every request completes or is counted dropped, never both; stages in causal order.
    for r in report.requests {
        XCTAssertTrue((r.completion != nil) != (r.dropReason != nil), "request \(r.id): completed xor dropped", file: file, line: line)
        if let done = r.completion {
            XCTAssertEqual(r.breakdown.total, done - r.arrival, "request \(r.id): breakdown sums to its latency", file: file, line: line)
            if let e = r.edgeJob { XCTAssertGreaterThanOrEqual(e.lowerBound, r.arrival, file: file, line: line) }
            if let e = r.edgeJob, let c = r.cloudJob {
                XCTAssertGreaterThanOrEqual(c.lowerBound, e.upperBound, "request \(r.id): cloud before edge", file: file, line: line)
                XCTAssertGreaterThanOrEqual(done, c.upperBound, file: file, line: line)
            }
        }
    }
    // Bytes sent = bytes received, on every link direction; uplink payload = Σ requests' payloads.
    for l in report.links {
        XCTAssertEqual(l.payloadSent, l.payloadReceived, "link \(l.from)→\(l.to) lost payload", file: file, line: line)
        XCTAssertGreaterThanOrEqual(l.wireBytes, l.payloadSent + l.lostWireBytes, file: file, line: line)
    }
    let up = report.links.filter { l in topology.tiers.first { $0.name == l.from }?.role == .edge }
    let sentPayload = report.requests.reduce(ByteCount.zero) { $0 + $1.payload }
    XCTAssertEqual(up.reduce(ByteCount.zero) { $0 + $1.payloadSent }, sentPayload, file: file, line: line)
    // A tier never runs more jobs than its slots (recomputed from the job intervals).
    for tier in topology.tiers {
        var edges: [(SimTime, Int)] = []
        for r in report.requests {
            let job = tier.role == .edge ? (r.edge == tier.name ? r.edgeJob : nil) : (r.cloud == tier.name ? r.cloudJob : nil)
            if let j = job, j.upperBound > j.lowerBound { edges += [(j.lowerBound, 1), (j.upperBound, -1)] }
        }
        edges.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var running = 0, peak = 0
        for (_, d) in edges { running += d; peak = max(peak, running) }
        XCTAssertLessThanOrEqual(peak, tier.slots, "tier \(tier.name) ran \(peak) jobs at once", file: file, line: line)
        if let usage = report.tiers.first(where: { $0.tier == tier.name }) {
            XCTAssertLessThanOrEqual(usage.maxConcurrentJobs * tier.threadsPerJob, tier.cores, file: file, line: line)
            XCTAssertEqual(usage.leftOver, 0, "tier \(tier.name) did not drain", file: file, line: line)
            XCTAssertLessThanOrEqual(usage.utilisation, 1.0 + 1e-12, file: file, line: line)
        }
    }
}
