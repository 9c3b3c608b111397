import Foundation
#if canImport(Glibc)
import Glibc
import LeptonCore
import LeptonScheduling
#endif

/// Times real TCP transfers between this process and a python3 peer process and compares them with the model ladder.
///
/// Method: each transfer opens a new TCP connection (POSIX sockets, TCP_NODELAY) from this
/// process to a python3 sink running as a separate process. The timed span starts just before
/// the first `send()` and ends when the sink's 1-byte acknowledgement arrives — the sink sends
/// it only after all 8 + n bytes (length header + payload) were received. Connecting is not
/// timed. Sizes are interleaved (every size once per repetition) so drift affects all sizes.
/// The models get S = n + 8 bytes and the path's parameters: RTT = median of empty exchanges
/// timed the same way; bandwidth = the configured tbf rate, or, on an unshaped path, a
/// calibration from separate large transfers, 8·S / (T − RTT), which are not evaluated.
public struct TransferHarness: Sendable {
    /// Send/receive timeout of each socket; a stuck transfer fails after this long.
    public var timeout: Seconds
    /// Empty exchanges timed to estimate the RTT.
    public var rttExchanges: Int
    /// Size of the calibration transfers on unshaped paths.
    public var calibrationSize: ByteCount
    /// Calibration transfers on unshaped paths.
    public var calibrationTransfers: Int

    /// A harness with the given limits.
    public init(timeout: Seconds = .seconds(20), rttExchanges: Int = 10, calibrationSize: ByteCount = .mebibytes(4),
                calibrationTransfers: Int = 3) {
        self.timeout = timeout
        self.rttExchanges = rttExchanges
        self.calibrationSize = calibrationSize
        self.calibrationTransfers = calibrationTransfers
    }

    /// Measures every profile it can and says why it skipped the others.
    ///
    /// veth profiles share one pair of namespaces, created first and removed before this
    /// returns (also after errors); without root/CAP_NET_ADMIN or iproute2 they are skipped.
    /// Loss needs netem; delay uses netem when present, else a delaying relay process.
    public func run(_ profiles: [LinkProfile] = LinkProfile.standard) -> TransferStudy {
        var notes: [String] = []
        var measurements: [LinkMeasurement] = []
        var lab: ShapedNamespaces?
        var vethUnavailable: String?
        if profiles.contains(where: { $0.medium == .veth }) {
            switch ShapingSupport.prerequisites() {
            case let .unavailable(reason):
                vethUnavailable = reason
            case .available:
                do throws(TransferLabError) {
                    lab = try ShapedNamespaces()
                } catch {
                    let who = geteuid() == 0 ? "running as root" : "not running as root (euid \(geteuid()))"
                    vethUnavailable = "cannot create network namespaces (\(who)): \(error.description)"
                }
            }
            if let lab {
                notes.append(lab.netemAvailable
                    ? "netem is available: delay and loss come from netem below the tbf rate limiter"
                    : "netem unavailable on this kernel: added delay comes from a delaying relay process "
                        + "(it delays bytes, not packets, so TCP's own round-trip time does not grow); loss cannot be created")
            }
        }
        defer { lab?.close() }
        for profile in profiles {
            if profile.medium == .veth, lab == nil {
                notes.append("\(profile.name): skipped, shaping not allowed here: \(vethUnavailable ?? "unknown reason")")
                continue
            }
            if profile.loss > 0, !(lab?.netemAvailable ?? false) {
                notes.append("\(profile.name): skipped, packet loss needs netem on a veth pair, "
                             + (profile.medium == .loopback ? "and this profile is on loopback" : "and netem unavailable on this kernel"))
                continue
            }
            do throws(TransferLabError) {
                measurements.append(try measure(profile, lab: profile.medium == .veth ? lab : nil))
            } catch {
                notes.append("\(profile.name): failed: \(error.description)")
            }
        }
        return TransferStudy(measurements: measurements, accuracy: ModelAccuracy.summarise(measurements), notes: notes)
    }

    /// Measures one loopback profile (veth profiles need `run`, which owns the namespaces).
    public func measureLoopback(_ profile: LinkProfile) throws(TransferLabError) -> LinkMeasurement {
        guard profile.medium == .loopback else {
            throw .invalidParameter(name: "\(profile.name).medium", found: profile.medium.rawValue,
                                    expected: "loopback (use run(_:) for veth profiles)")
        }
        return try measure(profile, lab: nil)
    }

    func measure(_ profile: LinkProfile, lab: ShapedNamespaces?) throws(TransferLabError) -> LinkMeasurement {
        guard !profile.sizes.isEmpty, profile.repetitions >= 1 else {
            throw .invalidParameter(name: "\(profile.name).sizes × repetitions", found: "\(profile.sizes.count) × \(profile.repetitions)",
                                    expected: "at least one size and one repetition")
        }
        let useNetem = lab?.netemAvailable ?? false
        if let lab {
            try lab.shape(rate: profile.rate, delay: useNetem ? 2 * profile.delay : .zero, loss: profile.loss)
        } else if profile.rate != nil {
            throw .invalidParameter(name: "\(profile.name).rate", found: "\(profile.rate.map(\.description) ?? "")",
                                    expected: "no rate on loopback (the kernel shapes only the veth profiles)")
        }
        let host = lab?.serverAddress ?? "127.0.0.1"
        let sink = try PeerProcess(arguments: ["sink", host, "0"], namespace: lab?.server)
        defer { sink.stop() }
        var relay: PeerProcess?
        defer { relay?.stop() }
        var port = sink.port
        var delayMethod = "no added delay"
        if profile.delay.value > 0 {
            if useNetem {
                delayMethod = "netem delay \(2 * profile.delay.milliseconds) ms on the data direction (the whole added RTT)"
            } else {
                let peer = try PeerProcess(arguments: ["relay", host, "0", "\(profile.delay.value)", host, "\(sink.port)"],
                                           namespace: lab?.server)
                relay = peer
                port = peer.port
                delayMethod = "a python3 relay process in front of the sink holds every chunk \(profile.delay.milliseconds) ms "
                    + "in each direction (netem unavailable on this kernel)"
            }
        }
        let namespace = lab?.client
        let largest = max(profile.sizes.map(\.bytes).max() ?? 0, profile.rate == nil ? calibrationSize.bytes : 0)
        var buffer = [UInt8](repeating: 0x5A, count: largest + 8)
        // Warm-up (not recorded): the first connection pays for python's and the kernel's first-use costs.
        _ = try timeTransfer(0, port: port, host: host, namespace: namespace, buffer: &buffer)
        var exchanges: [Double] = []
        for _ in 0..<max(1, rttExchanges) {
            exchanges.append(try timeTransfer(0, port: port, host: host, namespace: namespace, buffer: &buffer))
        }
        let rtt = Statistics.median(exchanges)
        let bandwidth: Bandwidth
        let bandwidthMethod: String
        if let rate = profile.rate {
            bandwidth = rate
            bandwidthMethod = "the configured tbf rate \(rate) (tbf on the client's veth egress, bucket 3028 B)"
        } else {
            var rates: [Double] = []
            for _ in 0..<max(1, calibrationTransfers) {
                let time = try timeTransfer(calibrationSize.bytes, port: port, host: host, namespace: namespace, buffer: &buffer)
                rates.append(Double(calibrationSize.bytes + 8) * 8 / max(time - rtt, 1e-9))
            }
            bandwidth = .bitsPerSecond(Statistics.median(rates))
            bandwidthMethod = "calibrated as the median of 8·S/(T − RTT) over \(max(1, calibrationTransfers)) separate "
                + "\(calibrationSize) transfers (not among the evaluated ones): \(bandwidth)"
        }
        let mtu = lab == nil ? Self.loopbackMTU() : 1500
        let path = PathParameters(roundTripTime: Seconds(rtt), bandwidth: bandwidth, mtu: .bytes(mtu),
                                  transportHeader: .bytes(52), linkHeader: .bytes(lab == nil ? 0 : 14),
                                  lossRate: profile.loss)
        var records: [TransferRecord] = []
        for _ in 0..<profile.repetitions {
            for size in profile.sizes {
                let measured = try timeTransfer(size.bytes, port: port, host: host, namespace: namespace, buffer: &buffer)
                let wire = ByteCount(bytes: size.bytes + 8)
                var predicted: [String: Seconds] = [:]
                for model in TransferModel.allCases { predicted[model.rawValue] = model.predict(wire, over: path) }
                records.append(TransferRecord(profile: profile.name, sequence: records.count, size: size,
                                              measured: Seconds(measured), predicted: predicted))
            }
        }
        let medium = lab == nil
            ? "loopback 127.0.0.1 (MTU \(mtu)), no shaping"
            : "a veth pair between two network namespaces created for this run (MTU 1500; 52 B IP+TCP and 14 B Ethernet header per packet)"
        let method = "\(records.count) transfers over \(medium); each on a new TCP connection from the Swift client "
            + "(POSIX sockets, TCP_NODELAY) to a python3 sink in a separate process; timed (monotonic clock) from the "
            + "first send() to the sink's 1-byte acknowledgement, sent after all 8 + n bytes arrived; connect not timed; "
            + "sizes interleaved. RTT: median of \(max(1, rttExchanges)) empty exchanges = \(rtt * 1e3) ms. "
            + "Bandwidth: \(bandwidthMethod). Delay: \(delayMethod). Loss: \(profile.loss)."
        return LinkMeasurement(profile: profile, path: path, method: method, records: records)
    }

    /// Seconds from the first byte sent to the 1-byte acknowledgement for an `n`-byte payload on a new connection.
    private func timeTransfer(_ n: Int, port: UInt16, host: String, namespace: String?,
                              buffer: inout [UInt8]) throws(TransferLabError) -> Double {
        let connection = try TCPConnection(host: host, port: port, namespace: namespace, timeout: timeout)
        var length = UInt64(n).bigEndian
        withUnsafeBytes(of: &length) { header in
            for index in 0..<8 { buffer[index] = header[index] }
        }
        let clock = ContinuousClock()
        let start = clock.now
        let sent: Result<Void, TransferLabError> = buffer.withUnsafeBytes { raw in
            do throws(TransferLabError) {
                try connection.sendAll(UnsafeRawBufferPointer(rebasing: raw[0..<(n + 8)]))
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try sent.get()
        let reply: UInt8
        do throws(TransferLabError) {
            reply = try connection.receiveByte()
        } catch {
            throw .transferFailed(bytes: ByteCount(bytes: n), reason: error.description)
        }
        let elapsed = Seconds(start.duration(to: clock.now)).value
        guard reply == UInt8(ascii: "A") else {
            throw .transferFailed(bytes: ByteCount(bytes: n), reason: "expected the acknowledgement byte 'A' but got \(reply)")
        }
        return elapsed
    }

    private static func loopbackMTU() -> Int {
        guard let text = try? String(contentsOfFile: "/sys/class/net/lo/mtu", encoding: .utf8),
              let mtu = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { return 65536 }
        return mtu
    }
}
