import Foundation
import XCTest
@testable import LeptonLab

/// Counts how often each cell really runs.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    func hit(_ name: String) { lock.lock(); counts[name, default: 0] += 1; lock.unlock() }
    func count(_ name: String) -> Int { lock.lock(); defer { lock.unlock() }; return counts[name] ?? 0 }
}

let chainN = Parameter("n", default: 100, range: 1...100_000)
let chainScale = Parameter("scale", default: 2.0, range: 0.0...10.0)
let chainLabel = Parameter("label", default: "a")
let chainMean = Metric("mean")
let chainScaled = Metric("scaled.mean", polarity: .higherIsBetter)
let chainLabelLength = Metric("label.length", unit: "characters")

/// Three cells: `draw` (reads n and the seed, saves values), `scale` (reads the values and
/// scale), `label` (reads label only).
func chainExperiment(_ counter: Counter) -> Experiment {
    Experiment("chain", title: "Chain") {
        chainN
        chainScale
        chainLabel
        Cell("draw") { ctx in
            counter.hit("draw")
            var g = ctx.rng("values")
            let values = (0..<(try ctx[chainN])).map { _ in g.nextUnitDouble() }
            try ctx.save(values, as: "values")
            ctx.record(chainMean, values.reduce(0, +) / Double(values.count))
        }
        Cell("scale") { ctx in
            counter.hit("scale")
            let values = try ctx.load([Double].self, "values")
            let s = try ctx[chainScale]
            ctx.record(chainScaled, values.map { $0 * s }.reduce(0, +) / Double(values.count))
        }
        Cell("label") { ctx in
            counter.hit("label")
            ctx.note("label is \(try ctx[chainLabel])")
            ctx.record(chainLabelLength, Double(try ctx[chainLabel].count))
        }
    }
}

/// A fresh reports folder under the temporary directory, removed by `tearDown`.
class LabTestCase: XCTestCase {
    var reports: URL!

    override func setUpWithError() throws {
        reports = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-lab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: reports) }

    func run(_ e: Experiment, _ overrides: [String] = [], cache: Bool = true, seed: UInt64 = 1, seeds: Int? = nil,
             identity: CodeIdentity = .executableOnly) throws -> RunResult {
        var options = RunOptions(overrides: overrides, seed: seed, replicates: seeds, useCache: cache, threads: 1, reports: reports)
        options.identity = identity
        return try Runner(experiment: e, options: options).run()
    }

    func statuses(_ r: RunResult) -> [String: CellRun.Status] {
        Dictionary(uniqueKeysWithValues: r.record.cells.map { ($0.cell, $0.status) })
    }
}
