import Foundation
import LeptonCharts
import LeptonCore
import LeptonData
import LeptonEmulation
import LeptonLab
import LeptonNN

private let dataset = Parameter("dataset", default: "fashion-mnist", allowed: ["digits", "fashion-mnist"],
                                help: "digits is embedded (8×8); fashion-mnist comes from Debian (28×28)")
private let modelName = Parameter("model", default: "seed-cnn",
                                  help: "seed-cnn is 003 §5.2's CNN; conv3 is 000 §5.2's (28×28 inputs only); mlp; "
                                      + "or a path to an .onnx model trained elsewhere (used as imported, not retrained)")
private let epochs = Parameter("epochs", default: 3, range: 1...100, unit: "epochs")
private let clockMode = Parameter("clock", default: "modelled", allowed: ["modelled", "measured"],
                                  help: "modelled: FLOPs ÷ rate, bit-stable; measured: host wall time ÷ tier speed")
private let edgeSpeed = Parameter("edge-speed", default: 0.002, range: 0.000001...100.0,
                                  help: "edge core speed relative to one host core (modelled: × 10 GFLOP/s); 0.002 ≈ a 20 MFLOP/s microcontroller")
private let cloudCores = Parameter("cloud-cores", default: 8, range: 1...256, unit: "cores")
private let latencyMs = Parameter("latency-ms", default: 1.0, range: 0.0...1000.0, unit: "ms", help: "one-way link latency")
private let bandwidths = Parameter("bandwidths", default: [0.25, 1, 4, 16, 64], range: 0.001...100_000.0, unit: "Mbit/s",
                                   help: "link bandwidths swept")
private let referenceBandwidth = Parameter("reference-bandwidth", default: 4.0, range: 0.001...100_000.0, unit: "Mbit/s",
                                           help: "bandwidth of the prediction-error study")
private let encodingName = Parameter("encoding", default: "float32", allowed: TransferEncoding.allCases.map(\.rawValue),
                                     help: "how the crossing tensor is encoded")
private let requests = Parameter("requests", default: 10, range: 1...10_000, unit: "requests", help: "well-spaced requests per cut")

private let testAccuracy = Metric("test.accuracy", polarity: .higherIsBetter)
/// Per bandwidth ("best.split.4Mbps"): the emulated best cut.
private let bestSplit = Metric("best.split", unit: "layers on edge")
/// Per bandwidth: the emulated median latency of the best cut, cloud-only and edge-only.
private let latencyBest = Metric("latency.best", unit: "ms", polarity: .lowerIsBetter)
private let latencyCloudOnly = Metric("latency.cloud-only", unit: "ms", polarity: .lowerIsBetter)
private let latencyEdgeOnly = Metric("latency.edge-only", unit: "ms", polarity: .lowerIsBetter)
private let predictionErrorMax = Metric("prediction.error.max", unit: "%", polarity: .lowerIsBetter)
private let flipBandwidth = Metric("flip.bandwidth", unit: "Mbit/s")
private let measuredPredictionErrorMean = Metric("measured.prediction.error.mean", unit: "%", polarity: .lowerIsBetter, measured: true)
private let measuredPredictionErrorMax = Metric("measured.prediction.error.max", unit: "%", polarity: .lowerIsBetter, measured: true)
private let measuredBestSplitAgrees = Metric("measured.best.split.agrees", measured: true)

/// Neurosurgeon-style split inference (issue 5): latency against the cut point across
/// bandwidths, where the best cut flips, and how well per-layer latency models fitted on the
/// real compute core predict what the emulation measures.
let splitInference = Experiment(
    "split-inference",
    title: "Split inference: where to cut a CNN between edge and cloud",
    summary: """
        A trained CNN is cut after k of its L layers: layers 0..<k run on an emulated edge device, \
        the tensor crossing the cut is encoded and sent over an emulated link, and layers k..<L \
        run in the cloud (000's \"balance work dynamically between edge and cloud\"). For each \
        bandwidth the notebook measures the end-to-end latency of every cut, finds where the best \
        cut flips, and compares the per-layer latency model's prediction with the emulation.
        """
) {
    dataset
    modelName
    epochs
    clockMode
    edgeSpeed
    cloudCores
    latencyMs
    bandwidths
    referenceBandwidth
    encodingName
    requests
    Profile("quick", dataset("digits"), epochs(15), help: "the embedded digits, seconds")
    Profile("full", dataset("fashion-mnist"), epochs(3), requests(20), help: "Fashion-MNIST, about a minute")

    Markdown("""
        **Question.** Where should a CNN be cut between a slow edge device and a fast cloud server, \
        and how does the answer change with the link's bandwidth? (000 §4 names \"balance work \
        dynamically between the two\"; 001 and 002 state that transfer adds delay and bandwidth cost.)

        **Method.** The model is trained for real, then run by `LeptonEmulation`: every layer \
        computes on the host (so predictions are real), while time on the edge tier, the link and \
        the cloud tier is emulated (docs/EMULATION.md). For a cut after k layers a request costs

        T(k) = Σ_{i<k} e_i + [k < L]·(pack_k + 2·L_link + 8·W(P_k)/B + 8·W(R)/B + unpack_k + Σ_{i≥k} c_i)

        with e_i, c_i the layer times on edge and cloud, P_k the encoded tensor at the cut and \
        W(·) the bytes on the wire (payload plus one header per packet). The per-layer times come \
        from a latency model fitted, as in Neurosurgeon, by least squares per layer kind \
        (t = β0 + β1·FLOPs + β2·elements) on profiles of the real compute core.

        **Reading the charts.** *Latency against cut* has one line per bandwidth: the lowest \
        point of each line is the best cut. *Predicted latency of every cut against bandwidth* \
        draws T(k) for every k on a fine bandwidth grid; where the lower envelope changes line, \
        the best cut flips. *Best cut against bandwidth* shows that flip directly. The last two \
        charts compare prediction and measurement on the measured clock.
        """)

    Cell("train") { ctx in
        let data = try ctx.dataset(ctx[dataset])
        try EdgeSetup.checkModelName(ctx[modelName], zoo: ["seed-cnn", "conv3", "mlp"])
        let model = try EdgeSetup.trainedModel(ctx, data: data, name: ctx[modelName], epochs: ctx[epochs])
        ctx.saveModel(model, as: "weights")
        let test = model.evaluate(Samples(data.test), loss: .categoricalCrossEntropy)
        ctx.record(testAccuracy, test.accuracy ?? .nan)
        ctx.table("Layers", columns: ["k", "Layer", "Output shape", "FLOPs (batch 1)", "Output values"],
                  rows: model.layers.indices.map { i in
                      [String(i + 1), model.layers[i].summary, "\(model.shape(afterLayers: i + 1))",
                       String(model.layers[i].forwardFLOPs), String(model.shape(afterLayers: i + 1).reduce(1, *))]
                  })
        ctx.note("""
            \(EdgeSetup.isImported(try ctx[modelName]) ? "Imported (not retrained)" : "Trained") \(try ctx[modelName]) \
            (\(model.parameterCount) parameters, \(model.forwardFLOPs) FLOPs per image)\(EdgeSetup.isImported(try ctx[modelName]) ? "" : " on \(data.train.count) images of \(data.name)"); \
            test accuracy on \(data.name) \(String(format: "%.4f", test.accuracy ?? .nan)). \
            A cut after k layers runs rows 1…k on the edge.
            """)
    }

    Cell("latency-vs-split") { ctx in
        let data = try ctx.dataset(ctx[dataset])
        let model = try EdgeSetup.loadModel(ctx, data: data, name: ctx[modelName], artifact: "weights")
        let clock = EdgeSetup.clock(named: try ctx[clockMode])
        let encoding = try EdgeSetup.encoding(named: ctx[encodingName])
        let test = EdgeSetup.head(Samples(data.test), 50)
        let bandwidths = try ctx[bandwidths].sorted()
        let latency = LatencyModel.profile([model], clock: clock, encodings: [encoding])
        let scenario = SplitInference(model: model, policy: .bestSplit, encoding: encoding, latencyModel: latency)
        var rows: [[String]] = []
        var lines: [LineSeries] = []
        var bestEmulated: [Double] = []
        var maxError = 0.0
        for b in bandwidths {
            let emu = Emulator(topology: try topology(ctx, bandwidth: b), clock: clock, seed: ctx.seed)
            // Requests 100 s apart: even the largest payload on the slowest link has drained, so
            // the sweep measures idle-system latency, as the cost model predicts.
            let sweep = try emu.sweepSplits(scenario, samples: test, latency: latency, requests: try ctx[requests],
                                            gap: .seconds(100))
            for p in sweep {
                rows.append([EdgeSetup.mbps(b), String(p.split), p.layerName, String(p.payload.bytes),
                             EdgeSetup.fmt(p.predicted.milliseconds), EdgeSetup.fmt(p.emulated.milliseconds),
                             String(format: "%+.2f %%", 100 * p.relativeError)])
                maxError = max(maxError, abs(p.relativeError))
            }
            lines.append(LineSeries("\(EdgeSetup.mbps(b)) Mbit/s", x: sweep.map { Double($0.split) },
                                    y: sweep.map { $0.emulated.milliseconds }))
            guard let best = sweep.min(by: { $0.emulated < $1.emulated }) else { continue }
            bestEmulated.append(Double(best.split))
            let tag = EdgeSetup.mbps(b) + "Mbps"
            ctx.record(bestSplit[tag], Double(best.split))
            ctx.record(latencyBest[tag].measured(clock.kind == .measured), best.emulated.milliseconds)
            if let cloud = sweep.first(where: { $0.split == 0 }) {
                ctx.record(latencyCloudOnly[tag].measured(clock.kind == .measured), cloud.emulated.milliseconds)
            }
            if let edge = sweep.first(where: { $0.split == model.layers.count }) {
                ctx.record(latencyEdgeOnly[tag].measured(clock.kind == .measured), edge.emulated.milliseconds)
            }
        }
        ctx.record(predictionErrorMax.measured(clock.kind == .measured), 100 * maxError)
        try ctx.chart(.line(LineChart(
            title: "Latency against cut (\(encoding.rawValue) payload)", series: lines,
            xAxis: Axis("Layers on the edge (k; 0 = cloud-only, \(model.layers.count) = edge-only)"),
            yAxis: Axis("Median latency", unit: "ms", scale: .logarithmic))),
            caption: "Emulated median latency of every cut, one line per link bandwidth; the lowest point of a line is that bandwidth's best cut. \(clock.kind.rawValue.capitalized) clock.")

        // The cost model depends on bandwidth only through the transfer terms, so one model
        // predicts every cut on a fine bandwidth grid; bisection finds where the best cut flips.
        let emu = Emulator(topology: try topology(ctx, bandwidth: bandwidths[0]), clock: clock, seed: ctx.seed)
        let cost = try emu.costModel(for: scenario, edge: "edge", samples: test, latency: latency)
        let lo = PortableMath.log10(bandwidths.first ?? 0.1) - 0.5, hi = PortableMath.log10(bandwidths.last ?? 100) + 0.5
        let grid = (0...120).map { PortableMath.pow(10, lo + (hi - lo) * Double($0) / 120) }
        let cuts = (0...cost.layers).filter { cost.feasible[$0] }
        func predicted(_ k: Int, _ mbps: Double) -> SimDuration {
            cost.edgeJobTime(split: k) + cost.transferTime(split: k, bandwidth: .megabitsPerSecond(mbps)) + cost.cloudJobTime(split: k)
        }
        func best(_ mbps: Double) -> Int {
            cuts.min { (predicted($0, mbps), $0) < (predicted($1, mbps), $1) } ?? 0
        }
        var flips: [(low: Int, high: Int, at: Double)] = []
        for (a, b) in zip(grid, grid.dropFirst()) where best(a) != best(b) {
            var (l, h) = (a, b)
            for _ in 0..<50 {
                let m = (l * h).squareRoot()
                if best(m) == best(a) { l = m } else { h = m }
            }
            flips.append((best(a), best(b), (l * h).squareRoot()))
        }
        try ctx.chart(.line(LineChart(
            title: "Predicted latency of every cut against bandwidth",
            series: cuts.map { k in
                LineSeries(k == 0 ? "cloud-only" : k == cost.layers ? "edge-only" : "k = \(k)", x: grid,
                           y: grid.map { predicted(k, $0).milliseconds }, markers: false)
            },
            xAxis: Axis("Link bandwidth", unit: "Mbit/s", scale: .logarithmic),
            yAxis: Axis("Predicted latency T(k)", unit: "ms", scale: .logarithmic))),
            caption: "The cost model's T(k) for every feasible cut; the best cut is the lowest line, and it flips where the lower envelope changes line.")
        try ctx.chart(.line(LineChart(
            title: "Best cut against bandwidth",
            series: [LineSeries("predicted (cost model)", x: grid, y: grid.map { Double(best($0)) }, markers: false),
                     LineSeries("emulated (sweep)", x: bandwidths, y: bestEmulated)],
            xAxis: Axis("Link bandwidth", unit: "Mbit/s", scale: .logarithmic),
            yAxis: Axis("Best cut: layers on the edge", minimum: 0, maximum: Double(cost.layers)))),
            caption: "k = 0 sends the input to the cloud; k = L keeps everything on the edge. Steps are the flips.")
        if let first = flips.first { ctx.record(flipBandwidth, first.at) }
        ctx.table("Latency of every cut at every bandwidth",
                  columns: ["Bandwidth (Mbit/s)", "k", "Last edge layer", "Payload (B)", "Predicted (ms)", "Emulated (ms)", "Error"],
                  rows: rows)
        let flipText = flips.isEmpty ? "The best cut does not change between \(EdgeSetup.mbps(grid[0])) and \(EdgeSetup.mbps(grid.last ?? 0)) Mbit/s."
            : "The best cut flips " + flips.map { "from k = \($0.low) to k = \($0.high) at \(EdgeSetup.fmt($0.at)) Mbit/s" }
                .joined(separator: ", then ") + " (bisection on the cost model)."
        let middle = Set(bestEmulated.map { Int($0) }).contains { $0 > 0 && $0 < cost.layers }
        ctx.note("""
            \(EdgeSetup.clockNote(clock)) \(flipText) \(middle ? "An intermediate cut is best at some bandwidths." :
            "No intermediate cut wins: every activation before the last layers is larger than the input, so a cut either sends the (smallest) input or nothing — Neurosurgeon saw the same for many CNNs whose early feature maps outgrow the input.") \
            Largest |predicted − emulated| ÷ emulated over every cut and bandwidth: \(String(format: "%.3f", 100 * maxError)) %.
            """)
    }

    Cell("prediction") { ctx in
        let data = try ctx.dataset(ctx[dataset])
        let model = try EdgeSetup.loadModel(ctx, data: data, name: ctx[modelName], artifact: "weights")
        let encoding = try EdgeSetup.encoding(named: ctx[encodingName])
        let test = EdgeSetup.head(Samples(data.test), 50)
        // Neurosurgeon: per-layer regressions fitted on timings of the real core; the emulation
        // then runs every layer for real on the measured clock.
        let clock = Clock.measured()
        let latency = LatencyModel.profile([model], clock: clock, repeats: 7, encodings: [encoding])
        let b = try ctx[referenceBandwidth]
        let emu = Emulator(topology: try topology(ctx, bandwidth: b), clock: clock, seed: ctx.seed)
        let sweep = try emu.sweepSplits(SplitInference(model: model, policy: .bestSplit, encoding: encoding, latencyModel: latency),
                                        samples: test, latency: latency, requests: max(20, try ctx[requests]),
                                        gap: .seconds(100))
        let errors = sweep.map { 100 * abs($0.relativeError) }
        ctx.record(measuredPredictionErrorMean, errors.reduce(0, +) / Double(max(errors.count, 1)))
        ctx.record(measuredPredictionErrorMax, errors.max() ?? .nan)
        let predictedBest = sweep.min { $0.predicted < $1.predicted }?.split ?? -1
        let emulatedBest = sweep.min { $0.emulated < $1.emulated }?.split ?? -1
        ctx.record(measuredBestSplitAgrees, predictedBest == emulatedBest ? 1 : 0)
        try ctx.chart(.bar(BarChart(
            title: "Predicted against emulated latency, measured clock, \(EdgeSetup.mbps(b)) Mbit/s",
            categories: sweep.map { "k=\($0.split)" },
            series: [BarSeries("predicted (fitted model)", values: sweep.map { $0.predicted.milliseconds }),
                     BarSeries("emulated (median)", values: sweep.map { $0.emulated.milliseconds })],
            valueAxis: Axis("Latency", unit: "ms"), categoryTitle: "Cut (layers on the edge)")),
            caption: "Per cut: the latency the per-layer regressions predict and the median the emulation measured, both scaled by the tiers' speeds.")

        // Per layer: the fitted regression against the batch-1 timing it was fitted on.
        let layerObs = latency.observations.filter { $0.batch == 1 && !$0.kind.contains(":") && $0.kind != "preprocess" }
        let names = model.layers.map(\.kind)
        let measuredUS = layerObs.prefix(names.count).map { $0.seconds * 1e6 }
        let fittedUS = layerObs.prefix(names.count).map {
            (latency.referenceSeconds(kind: $0.kind, flops: $0.flops, elements: $0.elements) ?? .nan) * 1e6
        }
        try ctx.chart(.bar(BarChart(
            title: "Per-layer host time at batch 1: measured vs fitted",
            categories: names.indices.map { "\($0 + 1) \(names[$0])" },
            series: [BarSeries("measured (median of 7)", values: measuredUS), BarSeries("regression", values: fittedUS)],
            valueAxis: Axis("Host time", unit: "µs"), categoryTitle: "Layer")),
            caption: "The Neurosurgeon-style regression t = β0 + β1·FLOPs + β2·elements per layer kind, fitted at batches 1, 2, 4, 8, against the measured batch-1 time.")
        ctx.table("Prediction error on the measured clock",
                  columns: ["k", "Last edge layer", "Payload (B)", "Predicted (ms)", "Emulated (ms)", "Error"],
                  rows: sweep.map { [String($0.split), $0.layerName, String($0.payload.bytes), EdgeSetup.fmt($0.predicted.milliseconds),
                                     EdgeSetup.fmt($0.emulated.milliseconds), String(format: "%+.1f %%", 100 * $0.relativeError)] },
                  measured: ["Predicted (ms)", "Emulated (ms)", "Error"])
        ctx.note("""
            This cell always uses the **measured clock**: host wall time ÷ tier speed, so its numbers vary from run to run \
            (recorded as measured). The latency model was fitted on the real core (\(latency.observations.count) timings); \
            mean |error| \(String(format: "%.1f", errors.reduce(0, +) / Double(max(errors.count, 1)))) %, \
            largest \(String(format: "%.1f", errors.max() ?? .nan)) %. The predicted best cut (k = \(predictedBest)) \
            \(predictedBest == emulatedBest ? "agrees with" : "differs from") the emulated one (k = \(emulatedBest)). \
            On the modelled clock the prediction is exact up to nanosecond rounding, because the fitted model and the \
            emulation use the same FLOPs ÷ rate law — the error above is what a real core adds (timer noise, caches, \
            per-call overhead that FLOPs do not capture).
            """)
    }

    Threshold(testAccuracy, absolute: 0.01)
    Threshold(predictionErrorMax, absolute: 0.1)
}

/// The edge–cloud topology of this experiment's edge-speed, cloud-cores and latency-ms
/// parameters, with links of `bandwidth` Mbit/s.
private func topology(_ ctx: CellContext, bandwidth: Double) throws -> Topology {
    try EdgeSetup.topology(bandwidth: bandwidth, edgeSpeed: ctx[edgeSpeed], cloudCores: ctx[cloudCores], latencyMs: ctx[latencyMs])
}
