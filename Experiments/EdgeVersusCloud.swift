import Foundation
import LeptonLab
import LeptonNN

private let edgeGFLOPs = Parameter("edge-gflops", default: 5.0, range: 0.01...10_000.0, unit: "GFLOP/s",
                                   help: "emulated edge device's sustained rate (a Raspberry-Pi-class CPU)")
private let cloudGFLOPs = Parameter("cloud-gflops", default: 500.0, range: 0.01...100_000.0, unit: "GFLOP/s",
                                    help: "emulated cloud server's sustained rate")
private let deadline = Parameter("deadline-ms", default: 100.0, range: 1.0...10_000.0, unit: "ms",
                                 help: "003-C1's real-time deadline per request (003 names none)")
private let requests = Parameter("requests", default: 200, range: 10...100_000, help: "requests per grid point")

/// The metrics of edge-vs-cloud.
enum EdgeVersusCloudMetric {
    /// Per pipeline ("edge-wins.000"): fraction of (bandwidth, RTT) points where the edge's p50 is lower.
    static let edgeWins = Metric("edge-wins", exact: true)
    /// Per pipeline ("crossover.000"): the lowest swept bandwidth at 20 ms RTT where the cloud's p50 wins.
    static let crossover = Metric("crossover", unit: "Mbit/s", exact: true)
    /// Uplink bytes per request, edge (results only) ÷ cloud (raw input), 002's 224×224×3 image.
    static let uplinkRatio = Metric("uplink.ratio.002", unit: "×", polarity: .lowerIsBetter, exact: true)
    /// Edge p95 latency of 002's pipeline ÷ the frame interval at 10 frames/s.
    static let realTime002 = Metric("edge.p95.over.frame-interval.002", unit: "×", exact: true)
    /// Fraction of 003's requests meeting the deadline, edge minus cloud, over the grid.
    static let deadlineGain = Metric("deadline.met.edge-minus-cloud.003", exact: true)
    /// Share of the 001 cloud pipeline's median latency spent sending its payload, at 10 Mbit/s and 20 ms RTT.
    static let uplinkShare = Metric("uplink.share.001", exact: true)
    /// gzip-compressed ÷ raw bytes of real 128×128×3 uint8 images (000's edge compression before upload).
    static let gzipOverRaw = Metric("gzip.over.raw.000", unit: "×", polarity: .lowerIsBetter, exact: true)
    /// JSON bytes per 224×224×3 preprocessed image ÷ its raw uint8 bytes (001 §5.2's payload).
    static let jsonOverRaw = Metric("json.over.uint8.001", unit: "×", polarity: .lowerIsBetter, exact: true)
}

/// The assumed constants of every modelled edge-vs-cloud claim.
private let rates = [Assumption("edge-gflops", "5 GFLOP/s", source: "Lepton's choice: a Raspberry-Pi-class CPU", plausible: "1–50 GFLOP/s"),
                     Assumption("cloud-gflops", "500 GFLOP/s", source: "Lepton's choice", plausible: "100–5000 GFLOP/s"),
                     Assumption("link", "LeptonEmulation.Link, 1500 B MTU, 40 B headers, jitter 10 % of latency", source: "LeptonEmulation")]

/// Edge wins of `pipeline` at both ends of the edge rate's plausible range.
private func edgeRateAlternatives(_ pipeline: String) -> [Alternative] {
    EdgeVersusCloudCells.alternativeEdgeRates.map { rate in
        let tag = "edge-\(EdgeVersusCloudCells.fmt(rate))gflops"
        return Alternative(EdgeVersusCloudMetric.edgeWins["\(pipeline).\(tag)"], "edge-gflops = \(EdgeVersusCloudCells.fmt(rate))")
    }
}

/// The edge-vs-cloud latency propositions of 000, 001, 002 and 003 as one sweep on emulated tiers.
let edgeVersusCloud = Experiment(
    "edge-vs-cloud",
    title: "Edge or cloud: which answers sooner, over bandwidth and RTT?",
    summary: """
        All four documents say the edge answers sooner than the cloud (000-C1, 001-C1, 002-C1, 003-C1). This \
        notebook runs each document's printed pipeline on an emulated edge device and an emulated cloud \
        server joined by an emulated link, over a grid of bandwidths and round-trip times, and finds where \
        the cloud starts to win.
        """
) {
    edgeGFLOPs
    cloudGFLOPs
    deadline
    requests
    Profile("quick", requests(100), help: "4 pipelines × 16 links × 100 requests; about a second")
    Markdown(EdgeVersusCloudCells.method)
    Cell("payloads") { ctx in
        try EdgeVersusCloudCells.payloads(ctx)
    }
    Cell("sweep") { ctx in
        try EdgeVersusCloudCells.sweep(ctx, edge: ctx[edgeGFLOPs], cloud: ctx[cloudGFLOPs], deadline: ctx[deadline],
                                       requests: ctx[requests])
    }
    Claim(EdgeVersusCloudMetric.edgeWins["000"], expected: 1, tolerance: 0, source: "000-C1 (000 §1.2, §3.1, §3.3)",
          claimed: "lower latency", provenance: .modelled(rates),
          choices: [Choice("'lower latency' read as a lower p50 at every swept link (1–1000 Mbit/s × 5–100 ms RTT)")],
          alternatives: edgeRateAlternatives("000"),
          statement: "edge processing has the lower p50 at every swept bandwidth and RTT (000 §5.2 CNN, raw image up)")
    Claim(EdgeVersusCloudMetric.edgeWins["001"], expected: 1, tolerance: 0, source: "001-C1 (001 §1, §2.1, §3.3)",
          claimed: "lower latency on the edge", provenance: .modelled(rates),
          choices: [Choice("'lower latency' read as a lower p50 at every swept link (1–1000 Mbit/s × 5–100 ms RTT)")],
          alternatives: edgeRateAlternatives("001"),
          statement: "on-device inference beats edge preprocessing + JSON upload + cloud CNN at every point")
    Claim(EdgeVersusCloudMetric.uplinkRatio, expected: 0, interval: 0...0.999, source: "002-C1 (002 §1, §2.2, §9)",
          claimed: "lower network load",
          provenance: .definitional(why: "40 B of class scores against a 224×224×3 image: a result is smaller than its input by construction"),
          statement: "edge inference lowers uplink bytes per request (results ÷ raw 224×224×3 image)")
    Claim(EdgeVersusCloudMetric.realTime002, expected: 1, interval: 0...1, source: "002-C9 (002 §3.2)",
          claimed: "real time", provenance: .modelled(rates),
          choices: [Choice("real time read as 10 frames/s (a 100 ms frame interval)", bound: .upper, plausible: 0.33...3.3)],
          alternatives: [Alternative(EdgeVersusCloudMetric.realTime002["edge-1gflops"], "edge-gflops = 1"),
                         Alternative(EdgeVersusCloudMetric.realTime002["edge-50gflops"], "edge-gflops = 50")],
          statement: "the edge infers in real time: p95 ≤ the frame interval at 10 frames/s")
    Claim(EdgeVersusCloudMetric.deadlineGain, expected: 1, interval: 0.001...1, source: "003-C1 (003 §1, §2.1, §9)",
          claimed: "the edge meets real-time needs, the cloud does not", provenance: .modelled(rates),
          choices: [Choice("a 100 ms deadline (003 names none; deadline-ms)")],
          alternatives: [Alternative(EdgeVersusCloudMetric.deadlineGain["edge-1gflops"], "edge-gflops = 1"),
                         Alternative(EdgeVersusCloudMetric.deadlineGain["edge-50gflops"], "edge-gflops = 50"),
                         Alternative(EdgeVersusCloudMetric.deadlineGain["deadline-33ms"], "a 33 ms deadline"),
                         Alternative(EdgeVersusCloudMetric.deadlineGain["deadline-1000ms"], "a 1000 ms deadline")],
          statement: "the edge meets the deadline more often than the cloud (fraction met, edge − cloud, over the grid)")
    Claim(EdgeVersusCloudMetric.uplinkShare, expected: 0, interval: 0...0.5, source: "001-C2 (001 §2.1 vs §3.3)",
          claimed: "high bandwidth (§2.1) and scarce bandwidth (§3.3)",
          provenance: .modelled([Assumption("link", "10 Mbit/s, 20 ms RTT", source: "Lepton's choice", plausible: "1–1000 Mbit/s")]),
          choices: [Choice("'high bandwidth' read as the uplink taking under half the latency", bound: .upper, plausible: 0.25...0.75)],
          statement: "§2.1: high bandwidth (uplink under half the latency); §3.3: scarce bandwidth")
    Claim(EdgeVersusCloudMetric.gzipOverRaw, expected: 0.5, interval: 0...0.999999, source: "000-C3 (000 §1.3, §3.2, §3.3)",
          claimed: "lower transfer and storage cost", provenance: .measured("gzip on four real digit images upscaled to 128×128×3"),
          choices: [Choice("the images: embedded 8×8 digits upscaled to 128×128×3 (000 names no data; upscaled images compress well)")],
          statement: "compressing on the edge lowers uplink and stored bytes (gzip ÷ raw, real 128×128×3 images)")
    // 001-C6: 001 §5.2 only says the image is sent as JSON and states no size, so the payload is
    // Lepton's own question — a check, never a verdict on 001 (SourceQuotes.uncheckable says why).
    Check(EdgeVersusCloudMetric.jsonOverRaw, interval: 0...1, target: 1,
          rationale: "Lepton's own question about 001 §5.2's JSON payload (001 states no size): no more than the raw uint8 bytes?",
          provenance: .measured("json.dumps-style text of four real preprocessed images, 224×224×3"),
          statement: "sending the preprocessed image as JSON costs no more than its raw uint8 bytes")
}
