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

/// 004-C1 and 004-C5: FedAvg against the same model, initial weights and SGD(η, B) trained
/// without federation — on all clients' pooled data (centralised) and on client 0's IID shard
/// alone (one silo) — each for the sample passes FedAvg made in the R rounds FedAvg IID ran:
/// R · m · E · n / K (m = clients per round); median of three shuffle seeds. FedAvg's accuracies are read from the saved
/// per-round histories at round R (the non-IID run's too, whether or not it stopped later).
func runWithoutFederation(_ ctx: CellContext) throws {
    let data = try ctx.dataset(ctx[FederatedKeys.dataset])
    let train = Samples(data.train), test = Samples(data.test)
    let iid = try ctx.load([RoundRecord].self, "history-\(FederatedVariant.fedAvgIID.rawValue)")
    let nonIID = try ctx.load([RoundRecord].self, "history-\(FederatedVariant.fedAvgNonIID.rawValue)")
    guard let last = iid.last else { return ctx.note("FedAvg IID recorded no round: nothing to compare.") }
    let setup = try FederatedVariant.fedAvgIID.setup(ctx)
    let c = setup.configuration
    let rounds = last.round, perRound = c.selectedPerRound(clients: setup.clients)
    let passes = Double(rounds * perRound * c.localEpochs) * Double(train.count) / Double(setup.clients)
    guard case let .classes(labels, classes) = train.targets else {
        throw FederatedError.invalidConfiguration(field: "train targets", value: "real values", expected: "class labels")
    }
    let shards = try setup.partition.split(labels: labels, classes: classes, clients: setup.clients, seed: setup.modelSeed)
    /// Trains fresh copies of FedAvg's initial model on `samples` for `passes` sample passes
    /// with three shuffle seeds; the median final test accuracy (plain SGD at a fixed η can
    /// end its last epoch on a spike — one seed would make the comparison a coin toss), and
    /// the lowest and highest.
    func accuracy(on samples: Samples, stream: String) throws -> (accuracy: Double, low: Double, high: Double, epochs: Int) {
        let epochs = max(1, Int((passes / Double(max(samples.count, 1))).rounded()))
        var g = SeededGenerator(seed: ctx.seed, stream: "federated-learning/\(stream)")
        var found: [Double] = []
        for _ in 0..<3 {
            let model = try FederatedModels.make(setup.model, inputShape: train.sampleShape, classes: classes, seed: setup.modelSeed)
            let trainer = Trainer(model: model, loss: .categoricalCrossEntropy, optimizer: SGD(learningRate: Float(c.learningRate)))
            _ = try trainer.fit(samples, configuration: TrainingConfiguration(
                epochs: epochs, batchSize: min(c.batchSize ?? samples.count, samples.count), shuffle: true, validationSplit: 0,
                patience: nil, seed: g.next()))
            found.append(trainer.evaluate(test).accuracy ?? .nan)
        }
        found.sort()
        return (found[1], found[0], found[2], epochs)
    }
    let centralised = try accuracy(on: train, stream: "centralised")
    let silo = try accuracy(on: train.subset(shards[0], source: "client 0"), stream: "one-silo")
    func at(_ h: [RoundRecord]) -> Double { h.last { $0.round <= rounds && $0.testAccuracy != nil }?.testAccuracy ?? .nan }
    let fedIID = at(iid), fedNonIID = at(nonIID)
    ctx.record(FederatedKeys.fixedRounds, Double(rounds))
    ctx.record(FederatedKeys.centralisedAccuracy, centralised.accuracy)
    ctx.record(FederatedKeys.oneSiloAccuracy, silo.accuracy)
    ctx.record(FederatedKeys.fedAvgAtFixedRounds["iid"], fedIID)
    ctx.record(FederatedKeys.fedAvgAtFixedRounds["noniid"], fedNonIID)
    ctx.record(FederatedKeys.gapToCentralised["iid"], centralised.accuracy - fedIID)
    ctx.record(FederatedKeys.gapToCentralised["noniid"], centralised.accuracy - fedNonIID)
    ctx.record(FederatedKeys.federationOverSilo, fedIID - silo.accuracy)
    ctx.table("Test accuracy after the same training work (\(Int(passes)) sample passes = FedAvg's \(rounds) rounds)",
              columns: ["Training", "Data", "Epochs", "Test accuracy"],
              rows: [["FedAvg, IID clients", "\(setup.clients) clients, \(perRound) per round", "\(c.localEpochs) per client per round",
                      String(format: "%.4f", fedIID)],
                     ["FedAvg, two classes per client", "\(setup.clients) clients, \(perRound) per round",
                      "\(c.localEpochs) per client per round", String(format: "%.4f", fedNonIID)],
                     ["Centralised (median of 3 seeds)", "all \(train.count) samples pooled", "\(centralised.epochs)",
                      String(format: "%.4f (%.4f–%.4f)", centralised.accuracy, centralised.low, centralised.high)],
                     ["One silo (median of 3 seeds)", "client 0's \(shards[0].count) samples", "\(silo.epochs)",
                      String(format: "%.4f (%.4f–%.4f)", silo.accuracy, silo.low, silo.high)]])
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
