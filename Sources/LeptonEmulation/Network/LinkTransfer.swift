import LeptonCore

/// The outcome of one transfer over one direction of a ``Link`` (see the formula on
/// ``Link``).
public struct LinkTransfer: Sendable, Hashable, Codable {
    /// Payload bytes carried.
    public let payload: ByteCount
    /// Transmission rounds (1 without loss).
    public let rounds: Int
    /// How long the direction is busy: Σ round_ns(8·W_r / B) + (rounds − 1)·RTO.
    public let occupancy: SimDuration
    /// Time spent transmitting: Σ round_ns(8·W_r / B).
    public let transmitting: SimDuration
    /// The jitter drawn for this transfer.
    public let jitter: SimDuration
    /// Bytes put on the wire, headers and retransmissions included.
    public let wireBytes: ByteCount
    /// Wire bytes of packets that were lost.
    public let lostWireBytes: ByteCount
    /// Packets resent.
    public let retransmittedPackets: Int
    /// The link's one-way latency.
    public let latency: SimDuration

    /// From the start of transmission to delivery: occupancy + latency + jitter.
    public var duration: SimDuration { occupancy + latency + jitter }
}
