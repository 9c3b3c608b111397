import Foundation
import LeptonCore
import LeptonData
import LeptonEmulation
import LeptonLab
import LeptonNN
import LeptonTensor

/// The edge-vs-cloud cells' bodies and their cost model.
enum EdgeVersusCloudCells {
    /// Swept bandwidths (Mbit/s) and round-trip times (ms).
    static let bandwidths = [1.0, 10, 100, 1000]
    static let rtts = [5.0, 20, 50, 100]

    static let method = """
        **Cost model** (declared, not fitted): a model of F FLOPs takes F / rate on a tier (`edge-gflops`, \
        `cloud-gflops`); a cloud request also sends its input up and 10 float32 scores (40 B) down an emulated \
        link (`LeptonEmulation.Link`: one-way latency RTT/2, jitter 10 % of it, 1500 B MTU, 40 B headers). \
        **Pipelines as printed:** 000 §5.2's CNN (3 conv 32/64/128 + Dense 128 + Dense 10) on a raw \
        128×128×3 uint8 image; 001 §5.2's Gaussian 5×5 → Laplacian → resize to 224×224 → /255 on the edge, the image as JSON, the \
        same CNN on 224×224×3 in the cloud (001 names no architecture), against running it all on the device; \
        002's 224×224×3 image and the same CNN; 003 §5.2's CNN on a 28×28×1 image. The JSON payload is \
        measured on real digit images resized to 224×224×3.
        """

    /// One pipeline: FLOPs on the edge before sending, FLOPs of the model, bytes sent up.
    struct Pipeline {
        var name: String
        var preprocessFLOPs: Double
        var modelFLOPs: Double
        var uplinkBytes: Int
    }

    /// Measures 001's JSON payload on real images.
    static func payloads(_ ctx: CellContext) throws {
        let data = try ctx.dataset("digits")
        // 001 §5.2's order: blur, Laplacian, resize to 224×224, /255 (on 0–255 pixels).
        let chain = Preprocessor([.gaussianBlur5x5(sigma: 1.1), .laplacian, .resize(height: 224, width: 224), .affine(a: 1 / 255, b: 0)])
        var sizes: [Double] = []
        var negative = 0.0
        for i in 0..<4 {
            let image = Tensor(zeros: [1, 224, 224, 3])
            let small = Tensor(zeros: [1, data.train.height, data.train.width, 1])
            for (k, v) in data.train.image(at: i).enumerated() { small.buffer[k] = v * 255 }
            let big = chain.apply(small)
            for k in 0..<big.count { for c in 0..<3 { image.buffer[3 * k + c] = big.buffer[k] } }
            let json = SourceChecks.jsonNestedList(image.array, shape: [224, 224, 3])
            sizes.append(Double(json))
            negative += Double(image.array.filter { $0 < 0 }.count) / Double(image.count) / 4
        }
        let mean = sizes.reduce(0, +) / Double(sizes.count)
        try gzipRatio(ctx, data.train)
        ctx.record(EdgeVersusCloudMetric.jsonOverRaw, mean / Double(224 * 224 * 3))
        try ctx.save(mean, as: "json-bytes")
        ctx.note("JSON of a preprocessed 224×224×3 image: \(Int(mean)) B on average over 4 real images "
                 + "(raw uint8: \(224 * 224 * 3) B, float32: \(224 * 224 * 3 * 4) B); \(String(format: "%.1f", 100 * negative)) % of values are negative.")
    }

    /// gzip on four real images resized to 128×128×3 and rounded to uint8, as 000's edge would upload them.
    static func gzipRatio(_ ctx: CellContext, _ images: LabeledImages) throws {
        var raw = 0, packed = 0
        for i in 0..<4 {
            let small = Tensor(zeros: [1, images.height, images.width, 1])
            for (k, v) in images.image(at: i).enumerated() { small.buffer[k] = v * 255 }
            let big = Preprocessor([.resize(height: 128, width: 128)]).apply(small).array
            let bytes = big.flatMap { v in Array(repeating: UInt8(max(0, min(255, v.rounded()))), count: 3) }
            raw += bytes.count
            packed += try Gzip.compress(bytes).count
        }
        ctx.record(EdgeVersusCloudMetric.gzipOverRaw, Double(packed) / Double(raw))
    }

    /// The latency sweep over bandwidth and RTT for each pipeline.
    static func sweep(_ ctx: CellContext, edge: Double, cloud: Double, deadline: Double, requests: Int) throws {
        let json = try ctx.load(Double.self, "json-bytes")
        let cnn128 = try flops([32, 64, 128], [128, 10], [128, 128, 3])
        let cnn224 = try flops([32, 64, 128], [128, 10], [224, 224, 3])
        let pre224 = Double(Preprocessor([.gaussianBlur5x5(sigma: 1.1), .laplacian, .affine(a: 1 / 255, b: 0)]).flops([224, 224, 3]))
        let pipelines = [
            Pipeline(name: "000", preprocessFLOPs: 0, modelFLOPs: cnn128, uplinkBytes: 128 * 128 * 3),
            Pipeline(name: "001", preprocessFLOPs: pre224, modelFLOPs: cnn224, uplinkBytes: Int(json)),
            Pipeline(name: "002", preprocessFLOPs: 0, modelFLOPs: cnn224, uplinkBytes: 224 * 224 * 3),
            Pipeline(name: "003", preprocessFLOPs: 0, modelFLOPs: try flops([32], [64, 10], [28, 28, 1]), uplinkBytes: 784),
        ]
        var rows: [[String]] = []
        var rng = ctx.rng("links")
        for p in pipelines {
            let edgeMs = (p.preprocessFLOPs + p.modelFLOPs) / (edge * 1e6)
            var wins = 0, metEdge = 0.0, metCloud = 0.0
            var gainAt = [Double](repeating: 0, count: alternativeDeadlines.count)
            var crossover: Double?
            for rtt in rtts {
                for b in bandwidths {
                    let cloudMs = samples(p, bandwidth: b, rtt: rtt, edge: edge, cloud: cloud, count: requests, rng: &rng)
                    let p50 = Statistics.percentile(cloudMs.sorted(), 50)
                    if edgeMs < p50 { wins += 1 } else if rtt == 20, crossover == nil { crossover = b }
                    metEdge += edgeMs <= deadline ? 1 : 0
                    metCloud += Double(cloudMs.filter { $0 <= deadline }.count) / Double(cloudMs.count)
                    for (k, d) in alternativeDeadlines.enumerated() {
                        gainAt[k] += (edgeMs <= d ? 1 : 0) - Double(cloudMs.filter { $0 <= d }.count) / Double(cloudMs.count)
                    }
                    if p.name == "001", rtt == 20, b == 10 {
                        let up = Double(p.uplinkBytes) * 8 / (b * 1e3)
                        ctx.record(EdgeVersusCloudMetric.uplinkShare, up / p50)
                    }
                    rows.append([p.name, fmt(b), fmt(rtt), fmt(edgeMs), fmt(p50), fmt(Statistics.percentile(cloudMs.sorted(), 95)), edgeMs < p50 ? "edge" : "cloud"])
                }
            }
            let points = Double(rtts.count * bandwidths.count)
            ctx.record(EdgeVersusCloudMetric.edgeWins[p.name], Double(wins) / points)
            if let crossover { ctx.record(EdgeVersusCloudMetric.crossover[p.name], crossover) }
            if p.name == "003" {
                ctx.record(EdgeVersusCloudMetric.deadlineGain, (metEdge - metCloud) / points)
                for (k, d) in alternativeDeadlines.enumerated() {
                    ctx.record(EdgeVersusCloudMetric.deadlineGain["deadline-\(fmt(d))ms"], gainAt[k] / points)
                }
            }
            if p.name == "002" {
                ctx.record(EdgeVersusCloudMetric.uplinkRatio, 40 / Double(p.uplinkBytes))
                ctx.record(EdgeVersusCloudMetric.realTime002, edgeMs / 100)
            }
        }
        ctx.table("Latency per pipeline and link (ms; cloud: \(requests) emulated requests)",
                  columns: ["Pipeline", "Mbit/s", "RTT ms", "Edge", "Cloud p50", "Cloud p95", "Faster"], rows: rows)
        // The same verdicts at the ends of the edge rate's plausible range (the claims' alternatives).
        var alternativeRows: [[String]] = []
        for rate in alternativeEdgeRates {
            var altRNG = ctx.rng("links-edge-\(rate)")
            var values: [String: Double] = [:]
            for p in pipelines {
                let edgeMs = (p.preprocessFLOPs + p.modelFLOPs) / (rate * 1e6)
                var wins = 0, metEdge = 0.0, metCloud = 0.0
                for rtt in rtts {
                    for b in bandwidths {
                        let cloudMs = samples(p, bandwidth: b, rtt: rtt, edge: rate, cloud: cloud, count: requests, rng: &altRNG)
                        if edgeMs < Statistics.percentile(cloudMs.sorted(), 50) { wins += 1 }
                        metEdge += edgeMs <= deadline ? 1 : 0
                        metCloud += Double(cloudMs.filter { $0 <= deadline }.count) / Double(cloudMs.count)
                    }
                }
                let points = Double(rtts.count * bandwidths.count)
                values["edge-wins.\(p.name)"] = Double(wins) / points
                if p.name == "003" { values["deadline"] = (metEdge - metCloud) / points }
                if p.name == "002" { values["realtime"] = edgeMs / 100 }
            }
            let tag = "edge-\(fmt(rate))gflops"
            ctx.record(EdgeVersusCloudMetric.edgeWins["000." + tag], values["edge-wins.000"] ?? .nan)
            ctx.record(EdgeVersusCloudMetric.edgeWins["001." + tag], values["edge-wins.001"] ?? .nan)
            ctx.record(EdgeVersusCloudMetric.deadlineGain[tag], values["deadline"] ?? .nan)
            ctx.record(EdgeVersusCloudMetric.realTime002[tag], values["realtime"] ?? .nan)
            alternativeRows.append([fmt(rate), fmt(values["edge-wins.000"] ?? .nan), fmt(values["edge-wins.001"] ?? .nan),
                                    fmt(values["realtime"] ?? .nan), fmt(values["deadline"] ?? .nan)])
        }
        ctx.table("Sensitivity: the same quantities at the ends of the edge rate's plausible range",
                  columns: ["Edge GFLOP/s", "Edge wins (000)", "Edge wins (001)", "Edge p95 ÷ frame (002)", "Deadline gain (003)"],
                  rows: alternativeRows)
    }

    /// The ends of the edge device's plausible sustained rate (GFLOP/s): a microcontroller-class
    /// core to a phone/Jetson-class accelerator; the default (`edge-gflops`, 5) lies between.
    static let alternativeEdgeRates = [1.0, 50.0]

    /// Other real-time deadlines (ms) for 003-C1, which names none: 30 frames/s to one second.
    static let alternativeDeadlines = [33.0, 1000.0]

    /// Cloud-path latencies (ms): preprocessing on the edge, upload, cloud compute, 40 B down.
    static func samples(_ p: Pipeline, bandwidth: Double, rtt: Double, edge: Double, cloud: Double, count: Int,
                        rng: inout SeededGenerator) -> [Double] {
        let link = Link("edge", "cloud", bandwidth: .megabitsPerSecond(bandwidth), latency: .milliseconds(rtt / 2),
                        jitter: .milliseconds(rtt / 20))
        let compute = p.preprocessFLOPs / (edge * 1e6) + p.modelFLOPs / (cloud * 1e6)
        return (0..<count).map { _ in
            link.transfer(.bytes(p.uplinkBytes), rng: &rng).duration.milliseconds + compute
                + link.transfer(.bytes(40), rng: &rng).duration.milliseconds
        }
    }

    /// FLOPs of a printed CNN: conv filters (3×3 ReLU + MaxPool 2×2 each), Dense units, on `input`.
    static func flops(_ filters: [Int], _ dense: [Int], _ input: [Int]) throws -> Double {
        var layers: [Layer] = filters.flatMap { [Conv2D(filters: $0, activation: .relu), MaxPool2D()] as [Layer] }
        layers.append(Flatten())
        layers += dense.map { Dense(units: $0) as Layer }
        return Double(try Sequential(layers).build(inputShape: input, seed: 1).forwardFLOPs)
    }

    static func fmt(_ v: Double) -> String { String(format: "%.4g", v) }
}
