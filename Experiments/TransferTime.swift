import Foundation
import LeptonCharts
import LeptonCore
import LeptonLab
import LeptonScheduling
import LeptonTransferLab

private let sizes = Parameter("sizes", default: [1, 8, 32, 128, 512], range: 0.001...65_536, unit: "KiB", help: "payload sizes, interleaved")
private let transfers = Parameter("transfers", default: 40, range: 20...10_000, help: "timed transfers per link profile (at least 20)")
private let shaped = Parameter("shaped", default: true, help: "also try the veth + tbf profiles (needs root or CAP_NET_ADMIN and iproute2)")
private let rateMbit = Parameter("rate-mbit", default: 20.0, range: 1.0...1_000.0, unit: "Mbit/s", help: "tbf rate of the plain shaped profile")
private let slowRateMbit = Parameter("slow-rate-mbit", default: 10.0, range: 1.0...1_000.0, unit: "Mbit/s",
                                     help: "tbf rate of the delay and loss profiles")
private let delayMs = Parameter("delay-ms", default: 10.0, range: 0.0...1_000.0, unit: "ms", help: "one-way delay added in each direction")
private let lossRate = Parameter("loss", default: 0.01, range: 0.0...0.5, help: "packet loss probability of the loss profile (needs netem)")

private let profilesMeasured = Metric("profiles.measured")
private let profilesSkipped = Metric("profiles.skipped")
/// Per link profile ("transfers.loopback"): the timed transfers.
private let transferCount = Metric("transfers")
/// Per link profile: the path's round-trip time given to the models.
private let roundTripTime = Metric("rtt", unit: "ms", measured: true)
/// Per link profile: the bandwidth given to the models (measured on an unshaped link).
private let pathBandwidth = Metric("bandwidth", unit: "Mbit/s")
/// Per link profile and model ("error.median.loopback.slowStart").
private let errorMedian = Metric("error.median", unit: "%", polarity: .lowerIsBetter, measured: true)
private let errorMax = Metric("error.max", unit: "%", polarity: .lowerIsBetter, measured: true)

/// 003 §4.1 writes transfer time as T_d = T_p + T_s + T_r; this notebook times real TCP
/// transfers and checks how well a ladder of sending-time models predicts them.
let transferTime = Experiment(
    "transfer-time",
    title: "Transfer-time models against real TCP transfers",
    summary: """
        003 §4.1 models a transfer as packing + sending + unpacking and leaves the sending time T_s \
        unmodelled. This notebook times real TCP transfers of several payload sizes over loopback and, \
        where the machine allows, over rate-limited and delayed links between network namespaces, and \
        reports how far four models of the sending time are off: latency + bandwidth, + per-packet \
        headers, + TCP slow start, + loss (Padhye et al. 1998).
        """
) {
    sizes
    transfers
    shaped
    rateMbit
    slowRateMbit
    delayMs
    lossRate
    Profile("quick", sizes([1, 8, 32, 128]), transfers(20), help: "20 transfers of ≤ 128 KiB per profile, seconds")
    Profile("full", sizes([1, 8, 32, 128, 512, 2048]), transfers(60), help: "60 transfers up to 2 MiB per profile")

    Markdown("""
        **Question.** 003 leaves the sending time T_s of T_d = T_p + T_s + T_r as a given number. How well \
        do standard models predict the time real data takes over a TCP connection, and which effect matters \
        on which link?

        **Method.** Every transfer is real: this process (the client, POSIX sockets with TCP_NODELAY) sends \
        an 8-byte length and the payload over a new TCP connection to a python3 sink running as a separate \
        process, which answers with one byte once it has everything. The time from just before the first \
        `send()` to the arrival of that byte (monotonic clock) is the measured transfer time; connecting is \
        not timed; sizes are interleaved so drift affects all alike. The models receive the path's round-trip \
        time (median of 10 empty exchanges timed the same way) and bandwidth (the configured tbf rate on a \
        shaped link; on loopback a calibration from separate large transfers, not evaluated). Link profiles: \
        loopback always; where the machine allows (root or CAP_NET_ADMIN, iproute2), a veth pair between two \
        network namespaces created for the run, shaped with tbf, plus added delay and packet loss (netem; \
        without netem, delay comes from a relay process and the loss profile is skipped — the notes below \
        say which happened). Each profile's exact method, parameters and skips are recorded as notes.

        | model | prediction (S = bytes, B = rate, RTT, MSS = MTU − 52, H = header bytes per packet, N = ⌈S/MSS⌉) |
        |---|---|
        | latencyBandwidth | RTT + 8·S/B |
        | packetOverhead | RTT + 8·(S + N·H)/B |
        | slowStart | one RTT per window-limited round from IW = 10 segments, then the rest at B, + RTT |
        | lossAware | slowStart with B capped by the Padhye et al. throughput for the loss rate |

        **Reading the charts.** The bar chart gives each model's median relative error |predicted − measured| \
        / measured per profile (lower is better). The panels plot, per profile, the measured median time per \
        size against each model's prediction on log–log axes: a model on top of the measured line is right. \
        Measured times are wall-clock values and vary from run to run and machine to machine.
        """)

    Cell("measure") { ctx in
        let sizes = try ctx[sizes].map { ByteCount(bytes: Int(($0 * 1024).rounded())) }
        let transfers = try ctx[transfers]
        let repetitions = (transfers + sizes.count - 1) / max(sizes.count, 1)
        let shaped = try ctx[shaped]
        let rate = try ctx[rateMbit]
        let slowRate = try ctx[slowRateMbit]
        let delay = try ctx[delayMs]
        let loss = try ctx[lossRate]
        var profiles = [LinkProfile(name: "loopback", medium: .loopback, sizes: sizes, repetitions: repetitions)]
        if shaped {
            profiles.append(LinkProfile(name: "veth-tbf-\(label(rate))mbit", medium: .veth, rate: .megabitsPerSecond(rate),
                                        sizes: sizes, repetitions: repetitions))
            profiles.append(LinkProfile(name: "veth-tbf-\(label(slowRate))mbit-delay-\(label(delay))ms", medium: .veth,
                                        rate: .megabitsPerSecond(slowRate), delay: .milliseconds(delay),
                                        sizes: sizes, repetitions: repetitions))
            profiles.append(LinkProfile(name: "veth-tbf-\(label(slowRate))mbit-loss-\(label(loss * 100))pct", medium: .veth,
                                        rate: .megabitsPerSecond(slowRate), loss: loss, sizes: sizes, repetitions: repetitions))
        }
        let study = TransferHarness().run(profiles)
        ctx.note("**Measurement.** " + (shaped ? "" : "Shaped profiles not requested (`shaped=false`); loopback only. ")
                 + (study.notes.isEmpty ? "Every profile ran." : study.notes.map { "- \($0)" }.joined(separator: "\n")))
        for measurement in study.measurements {
            ctx.note("**\(measurement.profile.name)** — \(measurement.method)")
        }
        ctx.record(profilesMeasured, Double(study.measurements.count))
        ctx.record(profilesSkipped, Double(profiles.count - study.measurements.count))
        for measurement in study.measurements {
            let name = measurement.profile.name
            ctx.record(transferCount[name], Double(measurement.records.count))
            ctx.record(roundTripTime[name], measurement.path.roundTripTime.milliseconds)
            ctx.record(pathBandwidth[name].measured(measurement.profile.rate == nil), measurement.path.bandwidth.bitsPerSecond / 1e6)
        }
        for row in study.accuracy {
            let key = "\(row.profile).\(row.model.rawValue)"
            ctx.record(errorMedian[key], row.medianRelativeError * 100)
            ctx.record(errorMax[key], row.maximumRelativeError * 100)
        }
        ctx.table("Median (and maximum) relative error of each model, per profile",
                  columns: ["Profile", "Transfers"] + TransferModel.allCases.map(\.rawValue),
                  rows: study.measurements.map { m in
                      [m.profile.name, "\(m.records.count)"] + TransferModel.allCases.map { model in
                          guard let row = study.accuracy.first(where: { $0.profile == m.profile.name && $0.model == model }) else { return "—" }
                          return String(format: "%.1f %% (max %.0f %%)", row.medianRelativeError * 100, row.maximumRelativeError * 100)
                      }
                  }, measured: TransferModel.allCases.map(\.rawValue))   // errors against measured transfers
        ctx.table("Path parameters given to the models",
                  columns: ["Profile", "RTT (ms)", "Bandwidth (Mbit/s)", "MTU (B)", "Added delay each way (ms)", "Loss"],
                  rows: study.measurements.map { m in
                      [m.profile.name, String(format: "%.3f", m.path.roundTripTime.milliseconds),
                       String(format: "%.1f", m.path.bandwidth.bitsPerSecond / 1e6), "\(m.path.mtu.bytes)",
                       String(format: "%.0f", m.profile.delay.milliseconds), String(format: "%.3f", m.profile.loss)]
                  }, measured: ["RTT (ms)", "Bandwidth (Mbit/s)"])   // measured on the link (an unshaped one's rate too)
        guard !study.measurements.isEmpty else {
            ctx.note("No profile could be measured, so there is nothing to chart.")
            return
        }
        let profileNames = study.measurements.map(\.profile.name)
        try ctx.chart(.bar(BarChart(
            title: "Median relative error per model and link profile",
            categories: profileNames,
            series: TransferModel.allCases.map { model in
                BarSeries(model.rawValue, values: profileNames.map { profile in
                    (study.accuracy.first { $0.profile == profile && $0.model == model }?.medianRelativeError ?? .nan) * 100
                })
            },
            valueAxis: Axis("Median |predicted − measured| / measured", unit: "%", minimum: 0), categoryTitle: "Link profile",
            size: ChartSize(width: 760, height: 380))),
            caption: "Over \(study.measurements.map { "\($0.records.count)" }.joined(separator: ", ")) measured transfers "
                + "per profile; lower is better.")
        let panels: [Chart] = study.measurements.map { m in
            let sizesKiB = m.profile.sizes.map { Double($0.bytes) / 1024 }
            let measured = m.profile.sizes.map { size in
                Statistics.median(m.records.filter { $0.size == size }.map { $0.measured.milliseconds })
            }
            let predictions = TransferModel.allCases.map { model in
                LineSeries(model.rawValue, x: sizesKiB, y: m.profile.sizes.map { size in
                    m.records.first { $0.size == size }?.predicted[model.rawValue]?.milliseconds ?? .nan
                }, markers: false)
            }
            return .line(LineChart(
                title: m.profile.name,
                series: [LineSeries("measured (median)", x: sizesKiB, y: measured)] + predictions,
                xAxis: Axis("Payload", unit: "KiB", scale: .logarithmic),
                yAxis: Axis("Time", unit: "ms", scale: .logarithmic)))
        }
        try ctx.chart(.smallMultiples(SmallMultiples(
            title: "Measured transfer time and each model's prediction", panels: panels, columns: 2,
            panelSize: ChartSize(width: 460, height: 300))),
            caption: "One panel per link profile: the measured median per payload size (markers) and each model's "
                + "prediction (lines), log–log.")
    }
}

/// "20", "12.5" — a number for a profile name.
private func label(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(format: "%g", value)
}

