import Foundation
import LeptonCharts
import LeptonCore
import LeptonEmulation
import LeptonFederated
import LeptonLab
import LeptonNN
import LeptonTensor

/// The runs of the federated-learning notebook: algorithm × partition (× compression).
enum FederatedVariant: String, CaseIterable {
    case fedSGDIID = "fedsgd-iid"
    case fedSGDNonIID = "fedsgd-noniid"
    case fedAvgIID = "fedavg-iid"
    case fedAvgNonIID = "fedavg-noniid"
    case fedAvgDirichlet = "fedavg-dirichlet"
    case fedAvgInt8 = "fedavg-iid-int8"
    case fedAvgTopK = "fedavg-iid-top10"

    /// Metric prefix ("fedavg.iid").
    var key: String { rawValue.replacingOccurrences(of: "-", with: ".") }

    /// The setup of this run from the notebook's parameters.
    func setup(_ ctx: CellContext) throws -> FederatedStudy.Setup {
        // One seed for every variant (not per cell), so all runs start from the same weights
        // and shards.
        let shared = SeededGenerator(seed: ctx.seed, stream: "federated-learning/shared")
        let isSGD = self == .fedSGDIID || self == .fedSGDNonIID
        let partition: Partition
        switch self {
        case .fedSGDIID, .fedAvgIID, .fedAvgInt8, .fedAvgTopK: partition = .iid
        case .fedSGDNonIID, .fedAvgNonIID: partition = .pathological(shardsPerClient: 2)
        case .fedAvgDirichlet: partition = .dirichlet(alpha: try ctx[FederatedKeys.dirichletAlpha])
        }
        let compression: UpdateCompression = self == .fedAvgInt8 ? .int8 : self == .fedAvgTopK ? .topK(fraction: 0.1) : .none
        let config = FederatedConfiguration(
            clientFraction: try ctx[FederatedKeys.clientFraction], localEpochs: isSGD ? 1 : try ctx[FederatedKeys.localEpochs],
            batchSize: isSGD ? nil : try ctx[FederatedKeys.batchSize], learningRate: try ctx[FederatedKeys.learningRate],
            rounds: try ctx[isSGD ? FederatedKeys.fedSGDRounds : FederatedKeys.rounds], targetAccuracy: try ctx[FederatedKeys.targetAccuracy],
            seed: Self.draw(shared, "rounds"), stragglerProbability: try ctx[FederatedKeys.stragglerProbability],
            dropoutProbability: try ctx[FederatedKeys.dropoutProbability], compression: compression)
        return FederatedStudy.Setup(model: try ctx[FederatedKeys.model], clients: try ctx[FederatedKeys.clients], partition: partition,
                                    configuration: config, modelSeed: Self.draw(shared, "model"))
    }

    private static func draw(_ base: SeededGenerator, _ stream: String) -> UInt64 {
        var g = base
        var s = SeededGenerator(seed: g.next(), stream: stream)
        return s.next()
    }
}

/// Runs one variant in a cell: real training on every selected client, then the metrics.
func runFederatedVariant(_ variant: FederatedVariant, _ ctx: CellContext) throws {
    let data = try ctx.dataset(ctx[FederatedKeys.dataset])
    let setup = try variant.setup(ctx)
    let start = DispatchTime.now().uptimeNanoseconds
    let fl = try FederatedStudy.run(setup, train: Samples(data.train), test: Samples(data.test))
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    try ctx.save(fl.history, as: "history-\(variant.rawValue)")
    let target = setup.configuration.targetAccuracy ?? 1
    let s = FederatedSummary(history: fl.history, target: target)
    let k = variant.key
    // A run that never reached the target records no *.to.target metrics (claims on them
    // then say "inconclusive: no such metric"); reached.target says which.
    ctx.record(FederatedKeys.reachedTarget[k], s.roundsToTarget == nil ? 0 : 1)
    if let r = s.roundsToTarget, let b = s.bytesToTarget, let t = s.timeToTarget {
        ctx.record(FederatedKeys.roundsToTarget[k], Double(r))
        ctx.record(FederatedKeys.bytesToTarget[k], Double(b.bytes))
        ctx.record(FederatedKeys.timeToTarget[k], t.seconds)
    }
    ctx.record(FederatedKeys.roundsRun[k], Double(s.rounds))
    if let a = s.finalAccuracy { ctx.record(FederatedKeys.finalAccuracy[k], a) }
    ctx.record(FederatedKeys.uplinkPerRound[k], Double(fl.history.first?.uplinkBytes.bytes ?? 0))
    ctx.record(FederatedKeys.wallSeconds[k], seconds)
    if variant == .fedAvgIID || variant == .fedAvgNonIID {
        ctx.table("Per-round test accuracy (\(variant.rawValue))",
                  columns: ["Round", "Test accuracy", "Emulated time (s)", "Bytes on the wire", "Round time (s)", "Slowest compute (s)"],
                  rows: fl.history.map { r in
                      [String(r.round), r.testAccuracy.map { String(format: "%.4f", $0) } ?? "–", String(format: "%.3f", r.elapsed.seconds),
                       String(r.cumulativeBytes.bytes), String(format: "%.3f", r.duration.seconds), String(format: "%.3f", r.slowestCompute.seconds)]
                  })
    }
    let c = setup.configuration
    let outcome: String
    if let r = s.roundsToTarget, let b = s.bytesToTarget, let t = s.timeToTarget {
        outcome = "reached \(target) after \(r) rounds, \(b) on the wire, " + String(format: "%.1f s", t.seconds) + " emulated"
    } else {
        outcome = "did not reach \(target) in \(s.rounds) rounds (best " + String(format: "%.4f", s.bestAccuracy ?? .nan) + ")"
    }
    let wall = String(format: "%.1f", seconds)
    ctx.note("\(c.label), \(setup.partition), K = \(setup.clients), model \(setup.model) (\(fl.model.parameterCount) parameters, "
        + "\(fl.modelBytes) per download), η = \(c.learningRate), update \(c.compression): \(outcome); "
        + "\(wall) s of real training on this host.")
}

/// The ratio a / b of rounds to target, with b censored at its round cap when it never
/// reached the target (then the ratio is an upper bound); NaN when a never reached it.
func roundsRatio(_ a: Double, _ b: Double, bCap: Double) -> Double {
    guard a.isFinite else { return .nan }
    return a / (b.isFinite ? b : bCap)
}

/// Accuracy-vs-rounds and accuracy-vs-emulated-time series of the saved histories.
func accuracyCharts(_ histories: [(String, [RoundRecord])], _ ctx: CellContext, title: String) throws {
    func series(_ x: (RoundRecord) -> Double) -> [LineSeries] {
        histories.map { name, h in
            let evaluated = h.filter { $0.testAccuracy != nil }
            return LineSeries(name, x: evaluated.map(x), y: evaluated.map { $0.testAccuracy ?? .nan }, markers: false)
        }
    }
    try ctx.chart(.line(LineChart(title: "\(title): test accuracy vs round", series: series { Double($0.round) },
                                  xAxis: Axis("Round"), yAxis: Axis("Test accuracy"))),
                  caption: "Global model's test accuracy after each round")
    try ctx.chart(.line(LineChart(title: "\(title): test accuracy vs emulated time", series: series { $0.elapsed.seconds },
                                  xAxis: Axis("Emulated wall time", unit: "s"), yAxis: Axis("Test accuracy"))),
                  caption: "Emulated time: per round, the slowest selected client's download + compute + upload on its own link")
}
