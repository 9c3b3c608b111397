import Foundation
import LeptonCharts
import LeptonData
import LeptonEmulation
import LeptonLab
import LeptonNN
import LeptonTensor

private let dataset = Parameter("dataset", default: "fashion-mnist", allowed: ["digits", "fashion-mnist"],
                                help: "digits is embedded (8×8); fashion-mnist comes from Debian (28×28)")
private let modelName = Parameter("model", default: "seed-cnn", allowed: ["seed-cnn", "conv3", "mlp"])
private let epochs = Parameter("epochs", default: 3, range: 1...100, unit: "epochs")
private let pipeline = Parameter("pipeline", default: "001", allowed: ["none", "blur", "laplacian", "001"],
                                 help: "none; blur = Gaussian 5×5 + normalise; laplacian = Laplacian + normalise; 001 = blur → Laplacian → /255 as 001 §5.2 prints it (swept)")
private let clockMode = Parameter("clock", default: "modelled", allowed: ["modelled", "measured"],
                                  help: "modelled: FLOPs ÷ rate, bit-stable; measured: host wall time ÷ tier speed")
private let edgeSpeed = Parameter("edge-speed", default: 0.25, range: 0.000001...100.0,
                                  help: "edge core speed relative to one host core (0.25 ≈ Raspberry Pi 4)")
private let cloudCores = Parameter("cloud-cores", default: 8, range: 1...256, unit: "cores")
private let bandwidth = Parameter("bandwidth", default: 10.0, range: 0.001...100_000.0, unit: "Mbit/s")
private let latencyMs = Parameter("latency-ms", default: 10.0, range: 0.0...1000.0, unit: "ms", help: "one-way link latency")
private let rate = Parameter("rate", default: 20.0, range: 0.001...100_000.0, unit: "requests/s", help: "Poisson arrival rate")
private let requests = Parameter("requests", default: 300, range: 1...100_000, unit: "requests")

/// Per encoding ("bytes.json"): mean encoded size of a preprocessed test image.
private let encodedBytes = Metric("bytes", unit: "B", polarity: .lowerIsBetter)
/// Per encoding: median host time to pack / unpack one preprocessed image.
private let packMicroseconds = Metric("pack.us", unit: "µs", polarity: .lowerIsBetter, measured: true)
private let unpackMicroseconds = Metric("unpack.us", unit: "µs", polarity: .lowerIsBetter, measured: true)
private let accuracy = Metric("accuracy", polarity: .higherIsBetter)
private let preprocessFLOPs = Metric("preprocess.flops", unit: "FLOPs")
/// Per encoding ("accuracy.via.int8"): accuracy of the served requests.
private let accuracyVia = Metric("accuracy.via", polarity: .higherIsBetter)
/// Per encoding: mean payload bytes of the served requests.
private let payload = Metric("payload", unit: "B", polarity: .lowerIsBetter)
/// Per encoding: latency percentiles under load (wall-clock on the measured clock).
private let latencyP50 = Metric("latency.p50", unit: "ms", polarity: .lowerIsBetter)
private let latencyP95 = Metric("latency.p95", unit: "ms", polarity: .lowerIsBetter)
private let accuracyChange001 = Metric("accuracy.change.001.points", unit: "points")
private let latencyP50Change001 = Metric("latency.p50.change.001", unit: "ms")
private let jsonOverFloat32 = Metric("json.over.float32", unit: "×")

/// Source document 001: the edge blurs, filters and divides each image by 255 (§5.2), then sends it to the
/// cloud as JSON. Does the preprocessing change accuracy, latency and bytes?
let edgePreprocessing = Experiment(
    "edge-preprocessing",
    title: "001's edge preprocessing and transfer encodings",
    summary: """
        Source document 001 has the edge device blur (Gaussian 5×5), filter (Laplacian) and divide by 255 \
        every image (§5.2), then POST it to a cloud CNN as a JSON list of floats. This notebook \
        trains one model per preprocessing pipeline, runs the pipeline on an emulated edge device \
        in front of a cloud classifier, and compares accuracy, latency and bytes for four transfer \
        encodings: JSON (001), float32, uint8 and int8.
        """
) {
    dataset
    modelName
    epochs
    pipeline
    clockMode
    edgeSpeed
    cloudCores
    bandwidth
    latencyMs
    rate
    requests
    Profile("quick", dataset("digits"), epochs(15), requests(200), seeds: 3, help: "the embedded digits, 3 seeds, seconds")
    Profile("full", dataset("fashion-mnist"), epochs(3), requests(1000), help: "Fashion-MNIST, a few minutes")

    Markdown("""
        **Question.** 001's edge stage (Gaussian blur 5×5 σ 1.1, Laplacian, /255 as 001 §5.2 prints it — \
        no min–max normalisation, so the values are signed) costs edge compute. Does it buy accuracy? And 001 ships the result as a JSON list of \
        floats — what does that cost against binary float32, uint8 (scale + zero point) and int8 \
        (symmetric scale)?

        **Method.** For each pipeline a model is trained on images preprocessed that way (the \
        pipeline is part of the model's input contract), evaluated on preprocessed test images, \
        and served by the emulation: Poisson requests arrive at the edge, which preprocesses \
        (real compute), packs the image in the chosen encoding (real bytes), sends it over the link \
        and the cloud unpacks (real decode, so uint8/int8 rounding reaches the classifier) and \
        classifies. Separately, each encoding packs and unpacks real test images on this host \
        with the wall clock (001's \"transfer adds delay and bandwidth cost\").

        **Reading the charts.** *Accuracy by pipeline* compares pipelines and shows whether lossy \
        encodings cost accuracy. *Latency by pipeline and encoding* is the 95th percentile under \
        load. *Where the time goes* splits 001's pipeline into stages. *Bytes per image* and \
        *pack/unpack time* are the encodings' real sizes and host times.
        """)

    Cell("encodings") { ctx in
        let data = try ctx.dataset(ctx[dataset])
        let images = EdgeSetup.head(Samples(data.test), 200)
        let raw = Tensor(shape: [images.count] + images.sampleShape, values: images.features)
        let pre = Preprocessor.source001.apply(raw)
        var rows: [[String]] = []
        var rawBytes: [Double] = [], preBytes: [Double] = [], pack: [Double] = [], unpack: [Double] = []
        for enc in TransferEncoding.allCases {
            var totals = [0, 0], packTimes: [Double] = [], unpackTimes: [Double] = [], maxError: Float = 0
            for (v, batch) in [raw, pre].enumerated() {
                let n = images.sampleSize
                for i in 0..<images.count {
                    let x = Tensor(shape: [1] + images.sampleShape, values: Array(batch.array[(i * n)..<((i + 1) * n)]))
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    let bytes = enc.encode(x)
                    let t1 = DispatchTime.now().uptimeNanoseconds
                    let back = try enc.decode(bytes)
                    let t2 = DispatchTime.now().uptimeNanoseconds
                    totals[v] += bytes.count
                    if v == 1 {
                        packTimes.append(Double(t1 - t0) / 1e3)
                        unpackTimes.append(Double(t2 - t1) / 1e3)
                    }
                    for j in 0..<n { maxError = max(maxError, abs(back[j] - x[j])) }
                }
            }
            let sizes = totals.map { Double($0) / Double(images.count) }
            let medPack = packTimes.sorted()[packTimes.count / 2], medUnpack = unpackTimes.sorted()[unpackTimes.count / 2]
            rawBytes.append(sizes[0]); preBytes.append(sizes[1]); pack.append(medPack); unpack.append(medUnpack)
            ctx.record(encodedBytes[enc.rawValue], sizes[1])
            ctx.record(packMicroseconds[enc.rawValue], medPack)
            ctx.record(unpackMicroseconds[enc.rawValue], medUnpack)
            rows.append([enc.rawValue, String(format: "%.0f", sizes[0]), String(format: "%.0f", sizes[1]),
                         String(format: "%.2f", medPack), String(format: "%.2f", medUnpack), String(format: "%.2g", Double(maxError)),
                         "\(enc.packOperationsPerElement) / \(enc.unpackOperationsPerElement)"])
        }
        let names = TransferEncoding.allCases.map(\.rawValue)
        try ctx.chart(.bar(BarChart(
            title: "Bytes per image by encoding",
            categories: names, series: [BarSeries("raw image", values: rawBytes), BarSeries("after 001 preprocessing", values: preBytes)],
            valueAxis: Axis("Encoded size", unit: "B"), categoryTitle: "Encoding")),
            caption: "Mean encoded size of \(images.count) \(data.name) test images (\(images.sampleShape.map(String.init).joined(separator: "×")) values each), raw and after blur → Laplacian (001 §5.2). JSON's size depends on the values: the shortest round-trip text of each float.")
        try ctx.chart(.bar(BarChart(
            title: "Pack and unpack time per image on this host (measured)",
            categories: names, series: [BarSeries("pack (encode)", values: pack), BarSeries("unpack (decode)", values: unpack)],
            valueAxis: Axis("Host time, median", unit: "µs"), categoryTitle: "Encoding")),
            caption: "Wall-clock medians over \(images.count) preprocessed images on this host (measured clock; varies between runs).")
        ctx.table("Transfer encodings on real images",
                  columns: ["Encoding", "Raw (B)", "Preprocessed (B)", "Pack (µs)", "Unpack (µs)", "Max |error|", "Modelled ops/element pack / unpack"],
                  rows: rows, measured: ["Pack (µs)", "Unpack (µs)"])
        ctx.note("""
            Sizes are deterministic; the times in this cell come from the **measured clock** (host wall time, one thread). \
            JSON is \(String(format: "%.1f", preBytes[0] / max(preBytes[1], 1)))× the float32 size after preprocessing \
            and \(String(format: "%.1f", rawBytes[0] / max(rawBytes[1], 1)))× before; uint8 and int8 are about a quarter of float32.
            """)
    }

    Sweep("pipeline", over: pipeline, ["none", "blur", "laplacian", "001"]) {
        Cell("pipeline") { ctx in
            let data = try ctx.dataset(ctx[dataset])
            let pipeline = try ctx[pipeline]
            let pre = EdgeSetup.preprocessor(pipeline)
            let train = EdgeSetup.preprocessed(Samples(data.train), pre)
            let model = try EdgeSetup.trainedModel(ctx, data: data, name: ctx[modelName], epochs: ctx[epochs], train: train)
            let test = model.evaluate(EdgeSetup.preprocessed(Samples(data.test), pre), loss: .categoricalCrossEntropy)
            ctx.record(accuracy, test.accuracy ?? .nan)
            ctx.record(preprocessFLOPs, Double(pre?.flops(data.train.imageShape) ?? 0))
            let clock = EdgeSetup.clock(named: try ctx[clockMode])
            let emu = Emulator(topology: try topology(ctx, bandwidth: ctx[bandwidth]), clock: clock, seed: ctx.seed)
            let workload = Workload.poisson(ratePerSecond: try ctx[rate], requestsPerEdge: try ctx[requests])
            var stages: [[Double]] = []
            for enc in TransferEncoding.allCases {
                let r = try emu.run(SplitInference(model: model, policy: .cloudOnly, encoding: enc, preprocessing: pre),
                                    workload: workload, samples: Samples(data.test))
                let done = r.completed
                ctx.record(accuracyVia[enc.rawValue], r.accuracy ?? .nan)
                ctx.record(payload[enc.rawValue], Double(done.map(\.payload.bytes).reduce(0, +)) / Double(max(done.count, 1)))
                ctx.record(latencyP50[enc.rawValue].measured(clock.kind == .measured), r.latency.p50.milliseconds)
                ctx.record(latencyP95[enc.rawValue].measured(clock.kind == .measured), r.latency.p95.milliseconds)
                func mean(_ f: (LatencyBreakdown) -> SimDuration) -> Double {
                    done.map { f($0.breakdown).milliseconds }.reduce(0, +) / Double(max(done.count, 1))
                }
                stages.append([mean(\.preprocess), mean(\.pack), mean { $0.edgeQueue + $0.uplinkQueue + $0.cloudQueue + $0.downlinkQueue },
                               mean(\.uplinkWire), mean(\.unpack), mean(\.cloudCompute), mean(\.downlinkWire)])
            }
            let names = ["preprocess", "pack", "queues", "uplink", "unpack", "cloud compute", "downlink"]
            try ctx.chart(.bar(BarChart(
                title: "Where the time goes: pipeline '\(pipeline)'",
                categories: TransferEncoding.allCases.map(\.rawValue),
                series: names.indices.map { s in BarSeries(names[s], values: stages.map { $0[s] }) },
                mode: .stacked, valueAxis: Axis("Mean latency", unit: "ms"), categoryTitle: "Encoding")),
                caption: "Mean time per stage of a request, by transfer encoding, on the \(clock.kind.rawValue) clock; the link's one-way latency is part of uplink and downlink.")
            ctx.note(EdgeSetup.clockNote(clock))
        }
    }

    Cell("summary") { ctx in
        let results = ctx.sweepResults()
        let pipelines = results.map { $0[pipeline] ?? "?" }
        let encodings = TransferEncoding.allCases.map(\.rawValue)
        let low = max(0, floor((results.compactMap { $0[accuracyVia["int8"]] }.min() ?? 0) * 20) * 5 - 5)
        try ctx.chart(.bar(BarChart(
            title: "Accuracy by pipeline and transfer encoding",
            categories: pipelines,
            series: ["float32", "uint8", "int8"].map { e in
                BarSeries("served, \(e) transfer", values: results.map { 100 * ($0[accuracyVia[e]] ?? .nan) })
            },
            valueAxis: Axis("Accuracy", unit: "%", minimum: low, maximum: 100), categoryTitle: "Edge preprocessing")),
            caption: "Accuracy of the served requests (they carry the test images in order) through lossless float32 (JSON gives the same) and lossy uint8/int8 transfers; the axis starts at \(Int(low)) %. The table has each model's accuracy on the whole test split.")
        try ctx.chart(.bar(BarChart(
            title: "95th-percentile latency by pipeline and encoding",
            categories: pipelines,
            series: encodings.map { e in BarSeries(e, values: results.map { $0[latencyP95[e]] ?? .nan }) },
            valueAxis: Axis("p95 latency", unit: "ms"), categoryTitle: "Edge preprocessing")),
            caption: "Poisson arrivals at \(try ctx[rate]) requests/s, cloud-only inference after edge preprocessing.")
        ctx.table("Pipelines: accuracy, latency and bytes",
                  columns: ["Pipeline", "Accuracy", "Preprocess FLOPs"] + encodings.flatMap { ["\($0) B", "\($0) p95 (ms)"] },
                  rows: results.map { r in
                      [r[pipeline] ?? "?", String(format: "%.4f", r[accuracy] ?? .nan),
                       String(format: "%.0f", r[preprocessFLOPs] ?? .nan)]
                          + encodings.flatMap { e in [String(format: "%.0f", r[payload[e]] ?? .nan),
                                                      EdgeSetup.fmt(r[latencyP95[e]] ?? .nan)] }
                  })
        guard let none = results.first(where: { $0[pipeline] == "none" }),
              let p001 = results.first(where: { $0[pipeline] == "001" }) else { return }
        let dAcc = 100 * ((p001[accuracy] ?? .nan) - (none[accuracy] ?? .nan))
        let dLat = (p001[latencyP50["float32"]] ?? .nan) - (none[latencyP50["float32"]] ?? .nan)
        let jsonRatio = (p001[payload["json"]] ?? .nan) / max(p001[payload["float32"]] ?? 1, 1)
        ctx.record(accuracyChange001, dAcc)
        ctx.record(latencyP50Change001, dLat)
        ctx.record(jsonOverFloat32, jsonRatio)
        ctx.note("""
            \(EdgeSetup.clockNote(EdgeSetup.clock(named: try ctx[clockMode]))) 001's pipeline changes test accuracy by \(String(format: "%+.2f", dAcc)) \
            points against no preprocessing and the median float32 latency by \(String(format: "%+.3f", dLat)) ms (edge compute); \
            the binary payloads keep their size, while 001's JSON is \(String(format: "%.1f", jsonRatio))× the float32 payload.
            """)
    }

    Threshold(accuracy, absolute: 0.01)
    Threshold(accuracyVia["uint8"], absolute: 0.01)
    Threshold(accuracyVia["int8"], absolute: 0.01)
    Threshold(latencyP95["json"], relative: 0.01)
    Threshold(latencyP95["float32"], relative: 0.01)

    Claim(accuracyChange001, expected: 1, interval: 0.000001...100, source: "001-C5 (001 §3.2, §4.3)",
          claimed: "better recognition", provenance: .measured("the same CNN trained on raw and on 001-preprocessed images, per seed"),
          statement: "001's preprocessing improves recognition (test accuracy, same CNN, 001 chain − none, points)")
}

extension EdgeSetup {
    /// The named preprocessing pipeline (nil for "none").
    static func preprocessor(_ name: String) -> Preprocessor? {
        switch name {
        case "blur": Preprocessor([.gaussianBlur5x5(sigma: 1.1), .normalize])
        case "laplacian": Preprocessor([.laplacian, .normalize])
        case "001": .source001
        default: nil
        }
    }

    /// `samples` with every image passed through `pre` (unchanged for nil).
    static func preprocessed(_ samples: Samples, _ pre: Preprocessor?) -> Samples {
        guard let pre, let labels = samples.labels else { return samples }
        let x = pre.apply(Tensor(shape: [samples.count] + samples.sampleShape, values: samples.features))
        return Samples(features: x.array, sampleShape: pre.outputShape(samples.sampleShape), labels: labels,
                       classes: samples.targetWidth, source: samples.source + " (preprocessed)")
    }
}

/// The edge–cloud topology of this experiment's edge-speed, cloud-cores and latency-ms
/// parameters, with a link of `bandwidth` Mbit/s.
private func topology(_ ctx: CellContext, bandwidth: Double) throws -> Topology {
    try EdgeSetup.topology(bandwidth: bandwidth, edgeSpeed: ctx[edgeSpeed], cloudCores: ctx[cloudCores], latencyMs: ctx[latencyMs])
}
