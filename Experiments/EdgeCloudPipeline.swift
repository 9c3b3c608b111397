import Foundation
import LeptonCharts
import LeptonData
import LeptonEmulation
import LeptonLab
import LeptonNN

private let dataset = Parameter("dataset", default: "fashion-mnist", allowed: ["digits", "fashion-mnist"],
                                help: "digits is embedded (8×8); fashion-mnist comes from Debian (28×28)")
private let modelName = Parameter("model", default: "seed-cnn", allowed: ["seed-cnn", "conv3", "mlp"])
private let epochs = Parameter("epochs", default: 2, range: 1...100, unit: "epochs")
private let clockMode = Parameter("clock", default: "modelled", allowed: ["modelled", "measured"],
                                  help: "modelled: FLOPs ÷ rate, bit-stable; measured: host wall time ÷ tier speed")
private let edges = Parameter("edges", default: 2, range: 1...16, unit: "edge devices", help: "edge devices sharing the cloud")
private let edgeSpeed = Parameter("edge-speed", default: 0.002, range: 0.000001...100.0,
                                  help: "edge core speed relative to one host core (modelled: × 10 GFLOP/s); 0.002 ≈ 20 MFLOP/s")
private let cloudCores = Parameter("cloud-cores", default: 2, range: 1...256, unit: "cores")
private let bandwidth = Parameter("bandwidth", default: 2.0, range: 0.001...100_000.0, unit: "Mbit/s", help: "each edge's link")
private let latencyMs = Parameter("latency-ms", default: 1.0, range: 0.0...1000.0, unit: "ms", help: "one-way link latency")
private let fixedSplit = Parameter("fixed-split", default: 2, range: 0...64, unit: "layers on edge", help: "the fixed policy's cut")
private let loads = Parameter("loads", default: [0.25, 0.5, 1, 1.5, 2, 3], range: 0.001...1000.0,
                              help: "arrival rate per edge as a multiple of one edge's edge-only capacity (1 ÷ edge-only time)")
private let referenceLoad = Parameter("reference-load", default: 1.5, range: 0.001...1000.0, help: "the load of the headline metrics and the CDF")
private let requests = Parameter("requests", default: 400, range: 10...1_000_000, unit: "requests per edge")

private let testAccuracy = Metric("test.accuracy", polarity: .higherIsBetter)
private let weightsBytes = Metric("weights.bytes", unit: "B")
private let weightsIdentical = Metric("weights.identical", polarity: .higherIsBetter)
private let edgeTrainingTime = Metric("edge.training.time", unit: "s", polarity: .lowerIsBetter)
private let weightsTransferTime = Metric("weights.transfer.time", unit: "ms", polarity: .lowerIsBetter)
/// Per policy ("p99.adaptive", at the reference load) and per policy and load ("p99.adaptive.load1.5").
private let p99 = Metric("p99", unit: "ms", polarity: .lowerIsBetter)
/// Per policy, at the reference load.
private let p50 = Metric("p50", unit: "ms", polarity: .lowerIsBetter)
/// Per policy, at the reference load.
private let policyAccuracy = Metric("accuracy", polarity: .higherIsBetter)
/// At the reference load: the adaptive policy's p99 ÷ the best p99 of the static policies (edge-only, cloud-only, fixed split).
private let adaptiveOverStatic = Metric("p99.adaptive.over.best-static", unit: "×", polarity: .lowerIsBetter)

/// SEEDS.md 000 (§5.2's pipeline, and "balance work dynamically") and 001 under load: tail
/// latency against arrival rate for five placement policies.
let edgeCloudPipeline = Experiment(
    "edge-cloud-pipeline",
    title: "000's edge–cloud pipeline under load: tail latency by policy",
    summary: """
        Source document 000 trains a CNN on an edge node, ships it to the cloud and serves it \
        there (§5.2), and proposes to balance work dynamically between edge and cloud. This \
        notebook runs that pipeline on emulated edge devices and a shared cloud server, then \
        serves Poisson request streams at rising rates under five policies — edge-only, \
        cloud-only, a fixed split, the best idle-system split, and an adaptive split that looks \
        at the queues — and compares their tail latencies.
        """
) {
    dataset
    modelName
    epochs
    clockMode
    edges
    edgeSpeed
    cloudCores
    bandwidth
    latencyMs
    fixedSplit
    loads
    referenceLoad
    requests
    Profile("quick", dataset("digits"), epochs(10), requests(300), help: "the embedded digits, seconds")
    Profile("full", dataset("fashion-mnist"), epochs(2), requests(1000), help: "Fashion-MNIST, a few minutes")

    Markdown("""
        **Question.** When requests arrive faster, which placement keeps the tail latency low? \
        000 §4 proposes to \"balance work dynamically\"; 001 notes that the edge is fast to reach \
        but transfer adds delay. Under load both the edge device and the link queue up.

        **Method.** First 000 §5.2's pipeline: the model trains on an emulated edge device \
        (memory-checked; modelled time 3 × forward FLOPs per training image), its safetensors \
        file crosses the link and is loaded in the cloud, bit for bit. Then every edge device \
        receives Poisson arrivals (exponential gaps, seeded) at a rate given as a multiple of its \
        own edge-only capacity, so load 1 saturates an edge that keeps everything local. \
        Policies: *edge-only* (k = L), *cloud-only* (k = 0), *fixed split* (a cut chosen by hand), \
        *best split* (Neurosurgeon: the cut with the lowest predicted idle latency, chosen once), \
        and *adaptive* (per request, the cut with the lowest predicted latency given the current \
        edge, link and cloud queues and a measured bandwidth estimate). Latencies are nearest-rank \
        percentiles (p99 = the value at rank ⌈0.99·n⌉).

        **Reading the charts.** *Tail latency against arrival rate* has one line per policy (both \
        axes logarithmic): a line that shoots up has saturated its bottleneck. *Median latency* is \
        the same for p50. The *CDF* compares whole distributions at the reference load. *Cuts the \
        adaptive policy chose* shows how it moves work as load rises.
        """)

    Cell("train-on-edge") { ctx in
        let data = try ctx.dataset(ctx[dataset])
        let clock = EdgeSetup.clock(named: try ctx[clockMode])
        let name = try ctx[modelName]
        let model = try ModelZoo.make(name, inputShape: data.train.imageShape, classes: data.train.classCount,
                                      seed: ctx.derivedSeed("init"))
        let cloudModel = try ModelZoo.architecture(name, inputShape: data.train.imageShape, classes: data.train.classCount)
        let emu = Emulator(topology: try topology(ctx, bandwidth: ctx[bandwidth]), clock: clock, seed: ctx.seed)
        let r = try emu.trainOnEdge(model, shipTo: cloudModel, train: Samples(data.train), test: Samples(data.test),
                                    optimizer: Adam(), configuration: TrainingConfiguration(epochs: try ctx[epochs], batchSize: 32,
                                                                                          seed: ctx.derivedSeed("fit")),
                                    edge: "edge")
        ctx.saveModel(cloudModel, as: "weights")
        let measured = clock.kind == .measured
        ctx.record(testAccuracy, r.cloudEvaluation.accuracy ?? .nan)
        ctx.record(weightsBytes, Double(r.weightBytes.bytes))
        ctx.record(weightsIdentical, r.weightsIdentical ? 1 : 0)
        ctx.record(edgeTrainingTime.measured(measured), r.trainTime.seconds)
        ctx.record(weightsTransferTime, r.transfer.duration.milliseconds)
        ctx.table("000 §5.2 pipeline: train on the edge, ship, serve in the cloud",
                  columns: ["Stage", "Where", "Time", "Detail"],
                  rows: [["train \(r.history.epochs.count) epochs", r.edge, String(format: "%.1f s", r.trainTime.seconds),
                          "needs \(r.trainingFootprint.total) (weights, gradients, Adam moments, activations)"],
                         ["write safetensors", r.edge, EdgeSetup.fmt(r.pack.milliseconds) + " ms", "\(r.weightBytes)"],
                         ["transfer", "link", EdgeSetup.fmt(r.transfer.duration.milliseconds) + " ms", "\(r.weightBytes) at \(try ctx[bandwidth]) Mbit/s"],
                         ["load", r.cloud, EdgeSetup.fmt(r.unpack.milliseconds) + " ms", r.weightsIdentical ? "bit-identical weights" : "weights differ!"],
                         ["evaluate", r.cloud, "—", String(format: "test accuracy %.4f", r.cloudEvaluation.accuracy ?? .nan)]])
        ctx.note("""
            \(EdgeSetup.clockNote(clock)) 000 §5.2's pipeline on an edge device of relative speed \(try ctx[edgeSpeed]): \
            training takes \(String(format: "%.1f", r.trainTime.seconds)) s of edge time, the \(r.weightBytes) weight file \
            crosses the link in \(EdgeSetup.fmt(r.transfer.duration.milliseconds)) ms, and the cloud's copy is \
            \(r.weightsIdentical ? "bit-identical" : "NOT identical") (test accuracy \(String(format: "%.4f", r.cloudEvaluation.accuracy ?? .nan))).
            """)
    }

    Cell("load") { ctx in
        let data = try ctx.dataset(ctx[dataset])
        let model = try EdgeSetup.loadModel(ctx, data: data, name: ctx[modelName], artifact: "weights")
        let clock = EdgeSetup.clock(named: try ctx[clockMode])
        let measured = clock.kind == .measured
        let edges = try ctx[edges]
        let topology = try topology(ctx, bandwidth: ctx[bandwidth], edges: edges)
        let emu = Emulator(topology: topology, clock: clock, seed: ctx.seed)
        let test = Samples(data.test)
        let latency = LatencyModel.profile([model], clock: clock, encodings: [.float32])
        let probe = SplitInference(model: model, policy: .bestSplit, latencyModel: latency)
        let cost = try emu.costModel(for: probe, edge: topology.edges[0].name, samples: test, latency: latency)
        let capacity = 1 / cost.predictedLatency(split: cost.layers).seconds
        let fixed = min(try ctx[fixedSplit], cost.layers)
        let policies: [SplitPolicy] = [.edgeOnly, .cloudOnly, .fixed(fixed), .bestSplit, .adaptive]
        let loads = try ctx[loads].sorted()
        let reference = try ctx[referenceLoad]
        let rates = loads.map { $0 * capacity }
        var p99ByPolicy: [[Double]] = [], p50ByPolicy: [[Double]] = [], rows: [[String]] = [], cdf: [SampleSeries] = []
        var adaptiveCuts: [[Int: Int]] = []
        var referenceP99: [String: Double] = [:]
        for policy in policies {
            var tail: [Double] = [], median: [Double] = []
            for (load, rate) in zip(loads, rates) + [(reference, reference * capacity)] {
                let r = try emu.run(SplitInference(model: model, policy: policy, latencyModel: latency),
                                    workload: .poisson(ratePerSecond: rate, requestsPerEdge: try ctx[requests]), samples: test)
                let s = r.latency
                let isReference = tail.count == loads.count
                if isReference {
                    ctx.record(p99[policy.name].measured(measured), s.p99.milliseconds)
                    referenceP99[policy.name] = s.p99.milliseconds
                    ctx.record(p50[policy.name].measured(measured), s.p50.milliseconds)
                    ctx.record(policyAccuracy[policy.name], r.accuracy ?? .nan)
                    cdf.append(SampleSeries(policy.name, samples: r.completed.compactMap { $0.latency?.milliseconds }))
                    continue
                }
                tail.append(s.p99.milliseconds)
                median.append(s.p50.milliseconds)
                ctx.record(p99[policy.name]["load\(EdgeSetup.mbps(load))"].measured(measured), s.p99.milliseconds)
                if case .adaptive = policy { adaptiveCuts.append(r.splitCounts) }
                let util = r.tiers.map { "\($0.tier) " + String(format: "%.0f%%", 100 * $0.utilisation) }.joined(separator: ", ")
                rows.append([policy.name, EdgeSetup.mbps(load), String(format: "%.1f", rate), EdgeSetup.fmt(s.p50.milliseconds),
                             EdgeSetup.fmt(s.p95.milliseconds), EdgeSetup.fmt(s.p99.milliseconds), String(format: "%.1f", r.throughput),
                             String(r.droppedCount), util])
            }
            p99ByPolicy.append(tail)
            p50ByPolicy.append(median)
        }
        let statics = [SplitPolicy.edgeOnly, .cloudOnly, .fixed(fixed)].compactMap { referenceP99[$0.name] }
        if let adaptive = referenceP99[SplitPolicy.adaptive.name], let best = statics.min() {
            ctx.record(adaptiveOverStatic.measured(measured), adaptive / best)
        }
        let names = policies.map { $0 == .fixed(fixed) ? "fixed split k=\(fixed)" : $0.name }
        let xAxis = Axis("Arrival rate per edge", unit: "requests/s", scale: .logarithmic)
        try ctx.chart(.line(LineChart(
            title: "Tail latency (p99) against arrival rate",
            series: names.indices.map { LineSeries(names[$0], x: rates, y: p99ByPolicy[$0]) },
            xAxis: xAxis, yAxis: Axis("p99 latency", unit: "ms", scale: .logarithmic))),
            caption: "99th-percentile latency of \(try ctx[requests]) Poisson requests per edge × \(edges) edges, per policy; one edge's edge-only capacity is \(String(format: "%.1f", capacity)) requests/s. Best-split picks k = \(cost.bestSplit() ?? -1) once, so its line lies on that fixed cut's. \(clock.kind.rawValue.capitalized) clock.")
        try ctx.chart(.line(LineChart(
            title: "Median latency (p50) against arrival rate",
            series: names.indices.map { LineSeries(names[$0], x: rates, y: p50ByPolicy[$0]) },
            xAxis: xAxis, yAxis: Axis("p50 latency", unit: "ms", scale: .logarithmic))),
            caption: "The same runs' medians: queues hurt the tail long before the median.")
        try ctx.chart(.cdf(CDFChart(
            title: "Latency distribution at load \(EdgeSetup.mbps(reference))",
            series: cdf, valueAxis: Axis("Latency", unit: "ms", scale: .logarithmic))),
            caption: "Empirical CDFs of every request's latency at \(String(format: "%.1f", reference * capacity)) requests/s per edge; guides at p50, p95, p99.")
        let cuts = Array(Set(adaptiveCuts.flatMap(\.keys))).sorted()
        try ctx.chart(.bar(BarChart(
            title: "Cuts the adaptive policy chose",
            categories: loads.map { "load \(EdgeSetup.mbps($0))" },
            series: cuts.map { k in
                BarSeries(k == 0 ? "cloud-only" : k == cost.layers ? "edge-only" : "k = \(k)",
                          values: adaptiveCuts.map { 100 * Double($0[k] ?? 0) / Double(max($0.values.reduce(0, +), 1)) })
            },
            mode: .stacked, valueAxis: Axis("Requests", unit: "%", minimum: 0, maximum: 100), categoryTitle: "Load")),
            caption: "Share of requests per cut under the adaptive policy at each load.")
        ctx.table("Every run", columns: ["Policy", "Load", "Rate (req/s per edge)", "p50 (ms)", "p95 (ms)", "p99 (ms)",
                                         "Throughput (req/s)", "Dropped", "Utilisation"], rows: rows)
        let ranked = names.indices.sorted { (p99ByPolicy[$0].last ?? .infinity) < (p99ByPolicy[$1].last ?? .infinity) }
        ctx.note("""
            \(EdgeSetup.clockNote(clock)) The best idle-system split is k = \(cost.bestSplit() ?? -1) of \(cost.layers). \
            At the highest load (\(EdgeSetup.mbps(loads.last ?? 0)) × edge capacity) the p99 ranking is \
            \(ranked.map { "\(names[$0]) \(EdgeSetup.fmt(p99ByPolicy[$0].last ?? .nan)) ms" }.joined(separator: " < ")).
            """)
    }

    Threshold(testAccuracy, absolute: 0.01)
    Threshold(p99[SplitPolicy.edgeOnly.name], relative: 0.01)
    Threshold(p99[SplitPolicy.cloudOnly.name], relative: 0.01)
    Threshold(p99[SplitPolicy.bestSplit.name], relative: 0.01)
    Threshold(p99[SplitPolicy.adaptive.name], relative: 0.01)
    Threshold(policyAccuracy[SplitPolicy.adaptive.name], absolute: 0.01)

    Claim(weightsIdentical, expected: 1, tolerance: 0, source: "000-C15 (000 §5.2)", claimed: "shipped to the cloud and used",
          provenance: .definitional(why: "Lepton's own safetensors writer and reader round-trip its own weights"),
          statement: "the model trained on the edge crosses the emulated link and serves in the cloud unchanged (1 = identical weights)")
    Claim(adaptiveOverStatic, expected: 0.5, interval: 0...0.999999, source: "000-C20 (000 §1.2, §3.2)", claimed: "better than a static split",
          provenance: .modelled([Assumption("edge-speed", "0.002 of a host core", source: "Lepton's choice", plausible: "0.001–0.25"),
                                 Assumption("bandwidth", "2 Mbit/s", source: "Lepton's choice", plausible: "1–100 Mbit/s"),
                                 Assumption("clock", "modelled (FLOPs ÷ rate)", source: "LeptonEmulation")]),
          choices: [Choice("the reference load 1.5 × edge capacity and the load grid")],
          statement: "dynamic balancing beats a static split: adaptive p99 ÷ the best static policy's p99 at the reference load")
}

/// The edge–cloud topology of this experiment's edge-speed, cloud-cores and latency-ms
/// parameters: `edges` edge devices, each linked to the cloud at `bandwidth` Mbit/s.
private func topology(_ ctx: CellContext, bandwidth: Double, edges: Int = 1) throws -> Topology {
    try EdgeSetup.topology(bandwidth: bandwidth, edgeSpeed: ctx[edgeSpeed], cloudCores: ctx[cloudCores], latencyMs: ctx[latencyMs],
                         edges: edges)
}
