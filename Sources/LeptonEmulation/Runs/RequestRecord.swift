import LeptonCore

/// What happened to one request.
public struct RequestRecord: Sendable, Hashable, Codable {
    /// The request's number, in arrival order.
    public let id: Int
    /// The edge tier it arrived at.
    public let edge: String
    /// The cloud tier its route leads to.
    public let cloud: String
    /// When it arrived.
    public let arrival: SimTime
    /// Which sample it carried (index into the samples).
    public let sample: Int
    /// The cut used (layers run on the edge).
    public var split = 0
    /// When the result was back at the edge (nil if dropped).
    public var completion: SimTime?
    /// Why it was dropped (nil if it completed).
    public var dropReason: String?
    /// The predicted class.
    public var predicted: Int?
    /// The true class, when the samples have labels.
    public var label: Int?
    /// Stage by stage.
    public var breakdown = LatencyBreakdown()
    /// Bytes sent over the uplink (the encoded tensor).
    public var payload = ByteCount.zero
    /// When its edge job started and ended.
    public var edgeJob: ClosedRange<SimTime>?
    /// When its cloud job started and ended.
    public var cloudJob: ClosedRange<SimTime>?

    /// A fresh record.
    public init(id: Int, edge: String, cloud: String, arrival: SimTime, sample: Int) {
        self.id = id
        self.edge = edge
        self.cloud = cloud
        self.arrival = arrival
        self.sample = sample
    }

    /// completion − arrival, if it completed.
    public var latency: SimDuration? { completion.map { $0 - arrival } }

    /// Whether the prediction matched the label.
    public var isCorrect: Bool? {
        guard let p = predicted, let l = label else { return nil }
        return p == l
    }
}
