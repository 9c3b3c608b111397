/// Where to cut the model for each request (k = layers run on the edge tier).
public enum SplitPolicy: Sendable, Hashable, Codable {
    /// Every layer on the edge (k = L); nothing crosses the link.
    case edgeOnly
    /// Every layer in the cloud (k = 0); the (preprocessed) input crosses the link.
    case cloudOnly
    /// A fixed cut after k layers.
    case fixed(Int)
    /// The feasible cut with the lowest predicted idle-system latency
    /// (``SplitCostModel/bestSplit()``), chosen once per edge tier; needs a latency model.
    case bestSplit
    /// Per request, the feasible cut with the lowest predicted latency given the current
    /// edge (for cuts that need an edge compute slot) and cloud queues (queued predicted work ÷ slots, plus the time until a slot
    /// frees when all are busy), the link's backlog, and the link bandwidth estimated from
    /// completed transfers (an exponential average, weight 0.3, of 8 · wire bytes ÷ time
    /// the link was busy, so loss and retransmission lower it); needs a latency model.
    case adaptive

    /// "edge-only", "cloud-only", "split-3", "best-split", "adaptive".
    public var name: String {
        switch self {
        case .edgeOnly: "edge-only"
        case .cloudOnly: "cloud-only"
        case let .fixed(k): "split-\(k)"
        case .bestSplit: "best-split"
        case .adaptive: "adaptive"
        }
    }
}
