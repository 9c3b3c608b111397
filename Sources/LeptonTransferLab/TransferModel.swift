import LeptonCore
import LeptonScheduling

/// The ladder of transfer-time models, each adding one effect to the one before.
///
/// All predict the same quantity: the time from the sender's first byte to its receipt of
/// the receiver's short acknowledgement (sent once every byte arrived) on an open TCP
/// connection. The fixed term is therefore one round-trip time (data out, acknowledgement back).
/// S = payload bytes, B = bottleneck rate, RTT = round-trip time, MSS = MTU − IP/TCP header,
/// H = IP/TCP + link header bytes per packet, N = ⌈S / MSS⌉.
/// - `latencyBandwidth`: T = RTT + 8·S / B.
/// - `packetOverhead`: T = RTT + 8·(S + N·H) / B.
/// - `slowStart`: the window starts at IW segments and doubles each RTT while it is below the
///   bandwidth-delay product; each such round costs one RTT; once the rest fits in the window or
///   the window fills the pipe, the rest is sent at B: T = k·RTT + 8·(wire bytes left) / B + RTT,
///   with k the number of window-limited rounds (a receiver window, if set, caps the window, and
///   a window capped below the pipe keeps costing one RTT per window).
/// - `lossAware`: as `slowStart`, with B replaced by min(B, X) where X is the Padhye et al. (1998)
///   steady-state throughput (see `padhyeThroughput`); equal to `slowStart` when p = 0.
public enum TransferModel: String, Hashable, Sendable, CaseIterable, Codable {
    /// RTT + size / bandwidth.
    case latencyBandwidth
    /// Adds per-packet header bytes (MTU-sized segments).
    case packetOverhead
    /// Adds TCP slow start from an initial window.
    case slowStart
    /// Adds the loss-limited throughput of Padhye et al.
    case lossAware

    /// The predicted time to deliver `size` bytes over `path` and receive the acknowledgement.
    public func predict(_ size: ByteCount, over path: PathParameters) -> Seconds {
        let rtt = path.roundTripTime.value
        let rate = path.bandwidth.bitsPerSecond
        switch self {
        case .latencyBandwidth:
            return Seconds(rtt + Double(size.bits) / rate)
        case .packetOverhead:
            return Seconds(rtt + Double(Self.wireBytes(size.bytes, path: path)) * 8 / rate)
        case .slowStart:
            return Seconds(Self.slowStartTime(size.bytes, path: path, rate: rate))
        case .lossAware:
            let wireRate = Self.padhyeThroughput(path).map { $0.bitsPerSecond * Double(path.packetSize) / Double(path.segmentSize) }
            return Seconds(Self.slowStartTime(size.bytes, path: path, rate: min(rate, wireRate ?? rate)))
        }
    }

    /// Padhye, Firoiu, Towsley, Kurose (SIGCOMM 1998), eq. (31): steady-state TCP goodput
    ///   X = min( W_max / RTT,  1 / (RTT·√(2bp/3) + T0·min(1, 3·√(3bp/8))·p·(1 + 32p²)) )  packets/s,
    /// times MSS·8 bits. `nil` when p = 0 and no receiver window limits it (unbounded).
    public static func padhyeThroughput(_ path: PathParameters) -> Bandwidth? {
        let p = path.lossRate
        let b = path.packetsPerAck
        let rtt = path.roundTripTime.value
        let t0 = path.retransmissionTimeout.value
        let windowLimit = path.maximumWindow.map { Double($0.bytes) / Double(path.segmentSize) / rtt }
        var packetsPerSecond = windowLimit ?? .infinity
        if p > 0 {
            let denominator = rtt * (2 * b * p / 3).squareRoot()
                + t0 * min(1, 3 * (3 * b * p / 8).squareRoot()) * p * (1 + 32 * p * p)
            packetsPerSecond = min(packetsPerSecond, 1 / denominator)
        }
        guard packetsPerSecond.isFinite else { return nil }
        return .bitsPerSecond(packetsPerSecond * Double(path.segmentSize) * 8)
    }

    /// Bytes on the bottleneck for `bytes` of payload: payload + N·H with N = ⌈bytes / MSS⌉ (at least one packet).
    static func wireBytes(_ bytes: Int, path: PathParameters) -> Int {
        let packets = max(1, (bytes + path.segmentSize - 1) / path.segmentSize)
        return bytes + packets * (path.transportHeader.bytes + path.linkHeader.bytes)
    }

    /// The slow-start ladder's time at bottleneck rate `rate` (bits/s).
    static func slowStartTime(_ bytes: Int, path: PathParameters, rate: Double) -> Double {
        let rtt = path.roundTripTime.value
        let mss = path.segmentSize
        let segments = max(1, (bytes + mss - 1) / mss)
        let pipeSegments = rate * rtt / (Double(path.packetSize) * 8)
        let windowCap = path.maximumWindow.map { max(1, $0.bytes / mss) } ?? Int.max
        var window = min(path.initialWindow, windowCap)
        var sent = 0
        var time = 0.0
        while true {
            let remaining = segments - sent
            if remaining <= window || Double(window) >= pipeSegments {
                let remainingBytes = bytes - sent * mss
                return time + Double(wireBytes(max(0, remainingBytes), path: path)) * 8 / rate + rtt
            }
            time += rtt
            sent += window
            window = min(window * 2, windowCap)
        }
    }
}
