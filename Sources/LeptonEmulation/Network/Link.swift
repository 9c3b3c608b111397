import Foundation
import LeptonCore

/// A full-duplex network link between two tiers; each direction has its own queue.
///
/// A link may be asymmetric (cellular, DSL and cable links are): the uplink `from → to`
/// (usually edge → cloud) has ``uplinkBandwidth`` and ``uplinkLatency`` when they are set,
/// and the downlink `to → from` has ``bandwidth`` and ``latency``. When the uplink fields
/// are nil both directions use ``bandwidth`` and ``latency``.
///
/// Transfer model (docs/EMULATION.md): a payload of P bytes is cut into
/// n = max(1, ⌈P / (MTU − H)⌉) packets, each with an H-byte header, so W = P + n·H bytes go
/// on the wire. On an idle link without loss or jitter the transfer takes exactly
///
///     T = L + round_ns(8·W / B)
///
/// (L one-way latency, B bandwidth). Jitter adds round_ns(u · J), u uniform in [0, 1), one
/// seeded draw per transfer. Loss: each packet is lost independently with probability p
/// (seeded); lost packets are resent in a further round after the retransmission timeout,
/// so with rounds r = 1…R carrying W_r bytes, T = L + jitter + Σ round_ns(8·W_r / B) +
/// (R − 1)·RTO. The direction is busy (queues later transfers) for everything but L and
/// jitter.
public struct Link: Sendable, Hashable, Codable {
    /// One end (usually the edge tier).
    public var from: String
    /// The other end (usually the cloud tier).
    public var to: String
    /// One-way propagation latency L of the downlink (and of the uplink unless ``uplinkLatency`` is set).
    public var latency: SimDuration
    /// Bandwidth B of the downlink (and of the uplink unless ``uplinkBandwidth`` is set).
    public var bandwidth: Bandwidth
    /// Bandwidth of the uplink `from → to` when it differs from the downlink's; nil: symmetric.
    public var uplinkBandwidth: Bandwidth?
    /// One-way latency of the uplink `from → to` when it differs from the downlink's; nil: symmetric.
    public var uplinkLatency: SimDuration?
    /// Maximum extra latency J (uniform in [0, J)).
    public var jitter: SimDuration
    /// Probability p that a packet is lost, in [0, 1).
    public var loss: Double
    /// Largest packet, header included.
    public var mtu: ByteCount
    /// Per-packet header overhead H (e.g. 40 B for IPv4 + TCP).
    public var header: ByteCount
    /// Wait before lost packets are resent.
    public var retransmitTimeout: SimDuration
    /// Transmit power of the sender while bytes are on the wire.
    public var transmitPower: Power

    /// The two directions of a link.
    public enum Direction: String, Sendable, Hashable, Codable, CaseIterable {
        /// `from → to` (usually edge → cloud).
        case up
        /// `to → from` (usually cloud → edge).
        case down
    }

    /// A link; defaults: symmetric, no jitter or loss, Ethernet MTU 1500 B, 40 B headers,
    /// 200 ms RTO, 1 W transmit power. `bandwidth` and `latency` are the downlink's, and the
    /// uplink's too unless `uplinkBandwidth` / `uplinkLatency` are given.
    public init(_ from: String, _ to: String, bandwidth: Bandwidth, latency: SimDuration,
                jitter: SimDuration = .zero, loss: Double = 0, mtu: ByteCount = .bytes(1500),
                header: ByteCount = .bytes(40), retransmitTimeout: SimDuration = .milliseconds(200),
                transmitPower: Power = .watts(1), uplinkBandwidth: Bandwidth? = nil, uplinkLatency: SimDuration? = nil) {
        self.from = from
        self.to = to
        self.latency = latency
        self.bandwidth = bandwidth
        self.uplinkBandwidth = uplinkBandwidth
        self.uplinkLatency = uplinkLatency
        self.jitter = jitter
        self.loss = loss
        self.mtu = mtu
        self.header = header
        self.retransmitTimeout = retransmitTimeout
        self.transmitPower = transmitPower
    }

    /// An asymmetric link: `up` and `upLatency` for `from → to`, `down` and `downLatency` for `to → from`.
    public static func asymmetric(_ from: String, _ to: String, up: Bandwidth, down: Bandwidth,
                                  upLatency: SimDuration, downLatency: SimDuration) -> Link {
        Link(from, to, bandwidth: down, latency: downLatency, uplinkBandwidth: up, uplinkLatency: upLatency)
    }

    /// "edge↔cloud".
    public var name: String { "\(from)↔\(to)" }

    /// The bandwidth of one direction.
    public func bandwidth(_ direction: Direction) -> Bandwidth {
        direction == .up ? (uplinkBandwidth ?? bandwidth) : bandwidth
    }

    /// The one-way latency of one direction.
    public func latency(_ direction: Direction) -> SimDuration {
        direction == .up ? (uplinkLatency ?? latency) : latency
    }

    /// Whether the two directions differ in bandwidth or latency.
    public var isAsymmetric: Bool { bandwidth(.up) != bandwidth(.down) || latency(.up) != latency(.down) }

    /// The direction of a transfer from tier `sender`: `.up` when it is ``from``, else `.down`.
    public func direction(from sender: String) -> Direction { sender == from ? .up : .down }

    /// One direction as a symmetric link with that direction's bandwidth and latency.
    public func oneWay(_ direction: Direction) -> Link {
        var l = self
        l.bandwidth = bandwidth(direction)
        l.latency = latency(direction)
        l.uplinkBandwidth = nil
        l.uplinkLatency = nil
        return l
    }

    /// Both directions for reports: "up 10 Mbit/s, 20.000 ms · down 100 Mbit/s, 20.000 ms"
    /// (one figure when symmetric).
    public var directionsDescription: String {
        isAsymmetric
            ? "up \(bandwidth(.up)), \(latency(.up)) · down \(bandwidth(.down)), \(latency(.down))"
            : "\(bandwidth), \(latency) each way"
    }

    /// Whether the link joins `a` and `b` (in either order).
    public func joins(_ a: String, _ b: String) -> Bool { (from == a && to == b) || (from == b && to == a) }

    /// Payload bytes per packet: MTU − H.
    public var payloadPerPacket: Int { mtu.bytes - header.bytes }

    /// Packets for a payload: max(1, ⌈P / (MTU − H)⌉).
    public func packets(for payload: ByteCount) -> Int {
        Swift.max(1, (payload.bytes + payloadPerPacket - 1) / payloadPerPacket)
    }

    /// Bytes on the wire for a payload without loss: W = P + n·H.
    public func wireBytes(for payload: ByteCount) -> ByteCount {
        payload + header * packets(for: payload)
    }

    /// The transfer time on an idle link without loss or jitter: L + round_ns(8·W / B)
    /// (downlink figures, which are both directions' on a symmetric link).
    public func idealTransferTime(_ payload: ByteCount) -> SimDuration {
        latency + bandwidth.transmissionTime(wireBytes(for: payload))
    }

    /// The transfer time over one direction of an idle link without loss or jitter:
    /// L_dir + round_ns(8·W / B_dir).
    public func idealTransferTime(_ payload: ByteCount, direction: Direction) -> SimDuration {
        latency(direction) + bandwidth(direction).transmissionTime(wireBytes(for: payload))
    }

    /// Checks every field and names the first that is out of range.
    public func validate() throws(EmulationError) {
        guard latency >= .zero else { throw .invalidLink(link: name, field: "latency", value: "\(latency)", expected: "≥ 0") }
        guard bandwidth.bitsPerSecond.isFinite, bandwidth.bitsPerSecond > 0 else {
            throw .invalidLink(link: name, field: "bandwidth", value: "\(bandwidth)", expected: "> 0 bit/s")
        }
        if let up = uplinkBandwidth, !(up.bitsPerSecond.isFinite && up.bitsPerSecond > 0) {
            throw .invalidLink(link: name, field: "uplinkBandwidth", value: "\(up)", expected: "> 0 bit/s")
        }
        if let up = uplinkLatency, up < .zero {
            throw .invalidLink(link: name, field: "uplinkLatency", value: "\(up)", expected: "≥ 0")
        }
        guard jitter >= .zero else { throw .invalidLink(link: name, field: "jitter", value: "\(jitter)", expected: "≥ 0") }
        guard loss >= 0, loss < 1 else {
            throw .invalidLink(link: name, field: "loss", value: "\(loss)", expected: "a probability in [0, 1)")
        }
        guard header.bytes >= 0, mtu.bytes > header.bytes else {
            throw .invalidLink(link: name, field: "mtu", value: "\(mtu) with header \(header)",
                               expected: "an MTU larger than the per-packet header")
        }
        guard retransmitTimeout >= .zero else {
            throw .invalidLink(link: name, field: "retransmitTimeout", value: "\(retransmitTimeout)", expected: "≥ 0")
        }
        guard transmitPower.watts >= 0 else {
            throw .invalidLink(link: name, field: "transmitPower", value: "\(transmitPower)", expected: "≥ 0 W")
        }
    }
}
