import Foundation
import LeptonCharts
import LeptonCore
import LeptonData
import LeptonEmulation
import LeptonLab
import LeptonNN

private let dataset = Parameter("dataset", default: "fashion-mnist", allowed: ["digits", "fashion-mnist"],
                                help: "digits is embedded (8×8); fashion-mnist comes from Debian (28×28)")
private let modelName = Parameter("model", default: "seed-cnn", allowed: ["seed-cnn", "conv3", "mlp"],
                                  help: "seed-cnn is 003 §5.2's CNN; conv3 is 000 §5.2's (28×28 inputs only)")
private let epochs = Parameter("epochs", default: 3, range: 1...100, unit: "epochs")
private let headlineScheme = Parameter("scheme", default: "per-channel", allowed: QuantizationScheme.allCases.map(\.rawValue),
                               help: "the int8 scheme whose numbers become the headline metrics")
private let clockMode = Parameter("clock", default: "modelled", allowed: ["modelled", "measured"],
                                  help: "modelled: FLOPs ÷ rate, bit-stable; measured: host wall time ÷ tier speed")
private let edgeSpeed = Parameter("edge-speed", default: 0.25, range: 0.000001...100.0,
                                  help: "edge core speed relative to one host core; 0.25 ≈ a Raspberry Pi 4 core")
private let smallEdgeMemory = Parameter("small-edge-memory", default: 256.0, range: 1.0...1_048_576.0, unit: "KiB",
                                        help: "memory of a small edge device on which placement is checked")
private let requests = Parameter("requests", default: 50, range: 1...10_000, unit: "requests", help: "edge-only requests per model")

private let float32Bytes = Metric("float32.bytes", unit: "B")
private let int8Bytes = Metric("int8.bytes", unit: "B", polarity: .lowerIsBetter)
private let int8ShippedBytes = Metric("int8.shipped.bytes", unit: "B", polarity: .lowerIsBetter)
private let int8SizeRatio = Metric("int8.size.ratio", polarity: .lowerIsBetter)
private let float32Accuracy = Metric("float32.accuracy", polarity: .higherIsBetter)
private let int8Accuracy = Metric("int8.accuracy", polarity: .higherIsBetter)
private let accuracyDropPoints = Metric("accuracy.drop.points", unit: "points", polarity: .lowerIsBetter)
/// The three latency metrics are wall-clock measurements on the measured clock only.
private let float32EdgeLatencyP50 = Metric("float32.edge.latency.p50", unit: "ms", polarity: .lowerIsBetter)
private let int8EdgeSpeedup = Metric("int8.edge.speedup", unit: "×", polarity: .higherIsBetter)
private let int8EdgeLatencyP50 = Metric("int8.edge.latency.p50", unit: "ms", polarity: .lowerIsBetter)
/// float32 p50 ÷ int8 p50 of the same requests timed on this machine's CPU (the measured clock,
/// whatever `clock` says): 002-C3 is judged on this, the modelled figure is its alternative.
private let int8HostSpeedup = Metric("int8.host.speedup", unit: "×", polarity: .higherIsBetter, measured: true)

/// SEEDS.md 002: train in the cloud, compress to int8, deploy to the edge — size, accuracy
/// and edge latency before and after.
let edgeCompression = Experiment(
    "edge-compression",
    title: "002's compressed edge model: int8 against float32",
    summary: """
        Source document 002 trains in the cloud, compresses the model (\"quantisation, pruning, \
        lower precision\") and deploys it to edge nodes for real-time inference. This notebook \
        quantises a trained CNN's weights to int8 (per tensor and per output channel), ships the \
        int8 weight file to an emulated edge device, and compares size, accuracy and edge latency \
        with the float32 model.
        """
) {
    dataset
    modelName
    epochs
    headlineScheme
    clockMode
    edgeSpeed
    smallEdgeMemory
    requests
    Profile("quick", dataset("digits"), epochs(15), smallEdgeMemory(48.0), help: "the embedded digits, seconds")
    Profile("full", dataset("fashion-mnist"), epochs(3), smallEdgeMemory(1024.0), help: "Fashion-MNIST, about a minute")

    Markdown("""
        **Question.** 002 says to compress the cloud-trained model before deploying it to the edge. \
        How much smaller is an int8 model, how much accuracy does it lose, and is it faster on the edge?

        **Method.** A CNN is trained in float32. `Quantization.quantize` turns every Dense and \
        Conv2D kernel into symmetric int8 codes q = clamp(round(w / s), −127, 127) with one scale \
        per tensor (s = max|w| / 127) or per output channel; biases and activations stay float32. \
        The int8 weights are written as a safetensors file (I8 codes, F32 scales), \"shipped\", \
        and loaded into the edge's copy, which is what is evaluated and run: each model serves \
        well-spaced edge-only requests on an emulated edge device. On the modelled clock int8 \
        layers run `int8Speedup` = 2 times faster (int8 SIMD dot products); on the measured clock \
        the int8 layers really dequantise their kernels block by block at every call.

        **Reading the charts.** The three panels put float32 and both int8 schemes side by side: \
        weight bytes, test accuracy and the edge's median latency. The table adds the memory \
        check on a small edge device: a model that does not fit is refused with both sizes.
        """)

    Cell("train") { ctx in
        let data = try ctx.dataset(ctx[dataset])
        let model = try EdgeSetup.trainedModel(ctx, data: data, name: ctx[modelName], epochs: ctx[epochs])
        ctx.saveModel(model, as: "weights")
        ctx.note("Trained \(try ctx[modelName]) (\(model.parameterCount) parameters) on \(data.train.count) images of \(data.name) in float32.")
    }

    Cell("compress") { ctx in
        let data = try ctx.dataset(ctx[dataset])
        let model = try EdgeSetup.loadModel(ctx, data: data, name: ctx[modelName], artifact: "weights")
        let clock = EdgeSetup.clock(named: try ctx[clockMode])
        let test = Samples(data.test)
        let topology = try Topology(tiers: [.edge("edge", speed: .relative(try ctx[edgeSpeed])), .cloud("cloud")],
                                    links: [Link("edge", "cloud", bandwidth: .megabitsPerSecond(10), latency: .milliseconds(10))])
        let emu = Emulator(topology: topology, clock: clock, seed: ctx.seed)
        let headline = try ctx[headlineScheme]
        let small = Tier.edge("small-edge", memory: .kibibytes(try ctx[smallEdgeMemory]))
        var reports: [CompressionReport] = []
        var fits: [String] = []
        for scheme in QuantizationScheme.allCases {
            let (report, int8) = try emu.compareCompression(model, scheme: scheme, test: test, edge: "edge",
                                                            requests: try ctx[requests])
            reports.append(report)
            fits.append(EdgeSetup.placement(int8, on: small))
        }
        let floatFit = EdgeSetup.placement(model, on: small)
        guard let main = reports.first(where: { $0.scheme.rawValue == headline }) ?? reports.first else { return }
        let q = main.quantization
        let unit = clock.kind == .measured
        ctx.record(float32Bytes, Double(q.floatBytes))
        ctx.record(int8Bytes, Double(q.int8Bytes))
        ctx.record(int8ShippedBytes, Double(main.shippedBytes.bytes))
        ctx.record(int8SizeRatio, main.sizeRatio)
        ctx.record(float32Accuracy, q.floatEvaluation.accuracy ?? .nan)
        ctx.record(int8Accuracy, q.int8Evaluation.accuracy ?? .nan)
        ctx.record(accuracyDropPoints, -(main.accuracyChangePoints ?? .nan))
        if let f = main.floatLatency {
            ctx.record(float32EdgeLatencyP50.measured(unit), f.p50.milliseconds)
            ctx.record(int8EdgeSpeedup.measured(unit), f.p50.seconds / max(main.int8Latency.p50.seconds, 1e-12))
        }
        ctx.record(int8EdgeLatencyP50.measured(unit), main.int8Latency.p50.milliseconds)
        // 002-C3 by measurement: the same model and requests on the measured clock (host wall time).
        let host = unit ? main
            : try Emulator(topology: topology, clock: EdgeSetup.clock(named: "measured"), seed: ctx.seed)
                .compareCompression(model, scheme: main.scheme, test: test, edge: "edge", requests: try ctx[requests]).0
        if let f = host.floatLatency {
            ctx.record(int8HostSpeedup, f.p50.seconds / max(host.int8Latency.p50.seconds, 1e-12))
            ctx.note("Timed on this machine's CPU (measured clock, \(try ctx[requests]) requests each): float32 p50 "
                     + "\(EdgeSetup.fmt(f.p50.milliseconds)) ms, int8 p50 \(EdgeSetup.fmt(host.int8Latency.p50.milliseconds)) ms — "
                     + "\(String(format: "%.3f", f.p50.seconds / max(host.int8Latency.p50.seconds, 1e-12)))× (Lepton's int8 layers "
                     + "dequantise their kernels at every call; there are no int8 SIMD dot products here).")
        }

        let labels = ["float32"] + reports.map { $0.scheme == .perTensor ? "int8 tensor" : "int8 chan." }
        let kb = [Double(q.floatBytes) / 1000] + reports.map { Double($0.quantization.int8Bytes) / 1000 }
        let accuracy = [100 * (q.floatEvaluation.accuracy ?? .nan)] + reports.map { 100 * ($0.quantization.int8Evaluation.accuracy ?? .nan) }
        let latency = [main.floatLatency?.p50.milliseconds ?? .nan] + reports.map { $0.int8Latency.p50.milliseconds }
        func panel(_ title: String, _ values: [Double], _ axis: Axis) -> Chart {
            .bar(BarChart(title: title, categories: labels, series: [BarSeries(title, values: values)], valueAxis: axis))
        }
        let lowAccuracy = max(0, floor((accuracy.min() ?? 0) / 5) * 5 - 5)
        try ctx.chart(.smallMultiples(SmallMultiples(
            title: "float32 against int8 on the edge (\(data.name))",
            panels: [panel("Weight bytes", kb, Axis("Weights", unit: "kB")),
                     panel("Test accuracy", accuracy, Axis("Accuracy", unit: "%", minimum: lowAccuracy, maximum: 100)),
                     panel("Edge latency (median)", latency, Axis("Latency", unit: "ms"))],
            columns: 3, panelSize: ChartSize(width: 300, height: 260))),
            caption: "Weight storage, test accuracy (axis starts at \(Int(lowAccuracy)) %) and the edge's median edge-only latency on the \(clock.kind.rawValue) clock, for the float32 model and its two int8 copies.")
        ctx.table("Size, accuracy and edge latency",
                  columns: ["Model", "Weights (B)", "Ratio", "Accuracy", "Change (points)", "Edge p50 (ms)", "Edge p95 (ms)",
                            "Fits \(try ctx[smallEdgeMemory]) KiB?"],
                  rows: [["float32", String(q.floatBytes), "1", String(format: "%.4f", q.floatEvaluation.accuracy ?? .nan), "—",
                          main.floatLatency.map { EdgeSetup.fmt($0.p50.milliseconds) } ?? "refused",
                          main.floatLatency.map { EdgeSetup.fmt($0.p95.milliseconds) } ?? "refused", floatFit]]
                    + zip(reports, fits).map { r, fit in
                        ["int8 \(r.scheme.rawValue)", String(r.quantization.int8Bytes), String(format: "%.3f", r.sizeRatio),
                         String(format: "%.4f", r.quantization.int8Evaluation.accuracy ?? .nan),
                         String(format: "%+.2f", r.accuracyChangePoints ?? .nan),
                         EdgeSetup.fmt(r.int8Latency.p50.milliseconds), EdgeSetup.fmt(r.int8Latency.p95.milliseconds), fit]
                    })
        ctx.note("""
            \(EdgeSetup.clockNote(clock)) With \(headline) scales the int8 model is \(String(format: "%.3f", main.sizeRatio))× \
            the float32 size (\(q.int8Bytes) of \(q.floatBytes) bytes; the shipped safetensors file is \(main.shippedBytes.bytes) bytes \
            with its header) and its test accuracy changes by \(String(format: "%+.2f", main.accuracyChangePoints ?? .nan)) points \
            on \(test.count) \(data.name) test images. Edge median latency: \
            \(main.floatLatency.map { EdgeSetup.fmt($0.p50.milliseconds) } ?? "—") ms → \(EdgeSetup.fmt(main.int8Latency.p50.milliseconds)) ms\
            \(clock.kind == .modelled ? " (the modelled int8 speed-up of 2 applies to Dense and Conv2D only)" : " (measured: dequantising on the fly costs real time)"). \
            Biases, scales and float32 layers keep the ratio above 0.25.
            """)
    }

    Threshold(int8SizeRatio, absolute: 0.005)
    Threshold(int8Accuracy, absolute: 0.01)
    Threshold(float32Accuracy, absolute: 0.01)
    Threshold(accuracyDropPoints, absolute: 0.5)
    Threshold(int8EdgeLatencyP50, relative: 0.01)

    // 002 says only that compression shrinks the model and keeps it reliable (002-C3, 002 §3, §8.1);
    // it states no size ratio and no accuracy budget, so these bounds are checks, not claims.
    Check(int8SizeRatio, interval: 0...0.3, target: 0.25,
          rationale: "Lepton's own target: int8 weights at most 0.3× the float32 size (issue 5's acceptance; "
              + "002-C3 (002 §3, §8.1) says compression shrinks the model but gives no number)",
          provenance: .definitional(why: "int8 codes are a quarter of float32; scales and biases add the rest"),
          statement: "the int8 edge model is at most 0.3× the float32 size")
    Check(accuracyDropPoints, interval: -100...1, target: 0,
          rationale: "Lepton's own target: int8 loses at most 1 accuracy point (issue 5's acceptance; "
              + "002-C3 (002 §3, §8.1) says the compressed model stays reliable but gives no number)",
          provenance: .measured("the trained CNN and its int8 copy evaluated on the test split"),
          when: [dataset("fashion-mnist")], statement: "int8 loses at most 1 accuracy point on Fashion-MNIST")

    // The documents' compression propositions, each judged on what this run computes.
    Claim(int8SizeRatio, expected: 0.25, interval: 0...0.999, source: "000-C18 (000 §9)", claimed: "smaller parameters and compute",
          provenance: .definitional(why: "an int8 code is a quarter of a float32 by definition; pruning, which 000 §9 also names, "
                                    + "is not run and compute is not measured here"),
          statement: "quantisation shrinks the model's parameters (int8 ÷ float32 weight bytes < 1)")
    Claim(accuracyDropPoints, expected: 0, interval: -100...1, source: "001-C12 (001 §3.1, §4.1)", claimed: "keeps its accuracy",
          provenance: .measured("the trained CNN and its int8 copy evaluated on the test split"),
          choices: [Choice("a 1-point accuracy budget", bound: .upper, plausible: 0.5...2)],
          statement: "the compressed model keeps its accuracy on the edge (drop ≤ 1 point, float32 → int8)")
    Claim(int8HostSpeedup, expected: 2, interval: 1.000001...1_000_000, source: "002-C3 (002 §3, §8.1)", claimed: "faster",
          provenance: .measured("float32 and int8 inference of the same requests timed on this machine's CPU"),
          alternatives: [Alternative(int8EdgeSpeedup, "the clock parameter's figure (modelled by default: int8Speedup = 2 assumed, "
                                     + "LeptonEmulation.Tier, Lepton's assumption)")],
          statement: "compression speeds edge inference (float32 p50 ÷ int8 p50 > 1)")
}

extension EdgeSetup {
    /// "yes (41.2 kB)" or "no: needs … ", from ``Tier/place(_:layers:batch:label:)``.
    static func placement(_ model: Sequential, on tier: Tier) -> String {
        let footprint = ModelFootprint(model: model, layers: 0..<model.layers.count)
        do {
            _ = try tier.place(model)
            return "yes (\(footprint.total))"
        } catch {
            return "no (needs \(footprint.total))"
        }
    }
}
