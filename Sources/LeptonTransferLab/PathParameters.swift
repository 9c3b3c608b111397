import LeptonCore
import LeptonScheduling

/// What the transfer-time models know about a network path.
public struct PathParameters: Hashable, Sendable, Codable {
    /// Round-trip time of the path, including any added delay, seconds.
    public var roundTripTime: Seconds
    /// Bottleneck line rate (what a shaper or the wire allows, headers included).
    public var bandwidth: Bandwidth
    /// Maximum transmission unit (IP packet size limit).
    public var mtu: ByteCount
    /// IP + TCP header bytes per packet, options included (20 + 20 + 12 for timestamps = 52).
    public var transportHeader: ByteCount
    /// Link-layer bytes per packet that the bottleneck also carries (14 for an Ethernet header on a veth; 0 if not counted).
    public var linkHeader: ByteCount
    /// TCP initial congestion window, segments (10 since RFC 6928).
    public var initialWindow: Int
    /// Packet loss probability p.
    public var lossRate: Double
    /// Retransmission timeout T0 used by the Padhye formula (Linux's minimum is 200 ms).
    public var retransmissionTimeout: Seconds
    /// Packets acknowledged by one ACK, b (2 with delayed ACKs).
    public var packetsPerAck: Double
    /// Largest window the receiver allows; `nil` for unlimited.
    public var maximumWindow: ByteCount?

    /// A path with the given RTT and rate; the rest defaults to Ethernet-sized packets, IW 10, no loss.
    public init(roundTripTime: Seconds, bandwidth: Bandwidth, mtu: ByteCount = .bytes(1500),
                transportHeader: ByteCount = .bytes(52), linkHeader: ByteCount = .bytes(14),
                initialWindow: Int = 10, lossRate: Double = 0, retransmissionTimeout: Seconds = .milliseconds(200),
                packetsPerAck: Double = 2, maximumWindow: ByteCount? = nil) {
        self.roundTripTime = roundTripTime
        self.bandwidth = bandwidth
        self.mtu = mtu
        self.transportHeader = transportHeader
        self.linkHeader = linkHeader
        self.initialWindow = initialWindow
        self.lossRate = lossRate
        self.retransmissionTimeout = retransmissionTimeout
        self.packetsPerAck = packetsPerAck
        self.maximumWindow = maximumWindow
    }

    /// Maximum segment size: MTU − transport header.
    public var segmentSize: Int { max(1, mtu.bytes - transportHeader.bytes) }

    /// Bytes each full segment occupies at the bottleneck: MSS + transport header + link header.
    public var packetSize: Int { segmentSize + transportHeader.bytes + linkHeader.bytes }

    /// Checks that every field is in range; throws naming the first bad one.
    public func validate() throws(TransferLabError) {
        func bad(_ name: String, _ found: String, _ expected: String) -> TransferLabError {
            .invalidParameter(name: "PathParameters.\(name)", found: found, expected: expected)
        }
        guard roundTripTime.value.isFinite, roundTripTime.value >= 0 else {
            throw bad("roundTripTime", "\(roundTripTime)", "a non-negative finite time")
        }
        guard bandwidth.bitsPerSecond.isFinite, bandwidth.bitsPerSecond > 0 else {
            throw bad("bandwidth", "\(bandwidth)", "a positive finite rate")
        }
        guard mtu.bytes > transportHeader.bytes, transportHeader.bytes >= 0, linkHeader.bytes >= 0 else {
            throw bad("mtu", "\(mtu) with header \(transportHeader)", "an MTU larger than the transport header")
        }
        guard initialWindow >= 1 else { throw bad("initialWindow", "\(initialWindow)", "at least 1 segment") }
        guard (0..<1).contains(lossRate) else { throw bad("lossRate", "\(lossRate)", "a probability in [0, 1)") }
        guard retransmissionTimeout.value > 0 else {
            throw bad("retransmissionTimeout", "\(retransmissionTimeout)", "a positive time")
        }
        guard packetsPerAck >= 1 else { throw bad("packetsPerAck", "\(packetsPerAck)", "at least 1") }
        if let maximumWindow, maximumWindow.bytes < segmentSize {
            throw bad("maximumWindow", "\(maximumWindow)", "at least one segment (\(segmentSize) B)")
        }
    }
}
