import LeptonEmulation

/// One emulated edge client: its device, its link to the server and the indices of the
/// training samples it holds (which never leave it).
public struct FederatedClient: Sendable, Hashable {
    /// The client's tier (speed, memory).
    public var tier: Tier
    /// The link between the client's tier (`from`, uplink) and the server (`to`, downlink).
    public var link: Link
    /// Indices into the training set of the samples this client holds.
    public var indices: [Int]

    /// A client from its parts.
    public init(tier: Tier, link: Link, indices: [Int]) {
        self.tier = tier
        self.link = link
        self.indices = indices
    }

    /// The client's name (its tier's).
    public var name: String { tier.name }

    /// n_k: samples held.
    public var sampleCount: Int { indices.count }
}
