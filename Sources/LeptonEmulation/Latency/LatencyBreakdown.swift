/// Where one request's time went, stage by stage; ``total`` is their exact sum and equals
/// completion − arrival.
public struct LatencyBreakdown: Sendable, Hashable, Codable {
    /// Waiting for an edge slot.
    public var edgeQueue = SimDuration.zero
    /// Preprocessing on the edge.
    public var preprocess = SimDuration.zero
    /// The model prefix on the edge.
    public var edgeCompute = SimDuration.zero
    /// Encoding the crossing tensor on the edge.
    public var pack = SimDuration.zero
    /// Waiting for the uplink to be free.
    public var uplinkQueue = SimDuration.zero
    /// On the uplink: transmission rounds, retransmission waits, latency and jitter.
    public var uplinkWire = SimDuration.zero
    /// Waiting for a cloud slot.
    public var cloudQueue = SimDuration.zero
    /// Decoding on the cloud.
    public var unpack = SimDuration.zero
    /// The model suffix on the cloud.
    public var cloudCompute = SimDuration.zero
    /// Waiting for the downlink to be free.
    public var downlinkQueue = SimDuration.zero
    /// The result on the downlink.
    public var downlinkWire = SimDuration.zero

    /// An all-zero breakdown.
    public init() {}

    /// Time spent waiting in queues (edge, uplink, cloud, downlink).
    public var queueing: SimDuration { edgeQueue + uplinkQueue + cloudQueue + downlinkQueue }
    /// Time on the wire, both directions.
    public var wire: SimDuration { uplinkWire + downlinkWire }
    /// The sum of every stage.
    public var total: SimDuration {
        edgeQueue + preprocess + edgeCompute + pack + uplinkQueue + uplinkWire + cloudQueue + unpack + cloudCompute
            + downlinkQueue + downlinkWire
    }
}
