import LeptonCore

/// How one direction of a link was used during a run.
public struct LinkUsage: Sendable, Hashable, Codable {
    /// The link's name.
    public let link: String
    /// The sending tier.
    public let from: String
    /// The receiving tier.
    public let to: String
    /// Transfers made.
    public let transfers: Int
    /// Payload bytes handed to the link.
    public let payloadSent: ByteCount
    /// Payload bytes delivered (equal to ``payloadSent`` once the run drains).
    public let payloadReceived: ByteCount
    /// Bytes put on the wire, headers and retransmissions included.
    public let wireBytes: ByteCount
    /// Wire bytes of lost packets (resent later).
    public let lostWireBytes: ByteCount
    /// Packets resent.
    public let retransmittedPackets: Int
    /// Time spent transmitting (excluding retransmission waits).
    public let transmitting: SimDuration
    /// transmitPower × transmitting.
    public let energy: Energy
}
