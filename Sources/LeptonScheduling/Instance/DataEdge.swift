import LeptonCore

/// A precedence edge of a job DAG: `to` may start only after `from` finished and its data arrived.
///
/// Cost model: zero when both jobs run on the same device, else the link time for `data`
/// (latency + data·8 / bandwidth).
public struct DataEdge: Hashable, Sendable {
    /// Index of the producing job.
    public var from: Int
    /// Index of the consuming job.
    public var to: Int
    /// The data volume sent from `from` to `to`.
    public var data: ByteCount

    /// An edge from job `from` to job `to` carrying `data`.
    public init(from: Int, to: Int, data: ByteCount) {
        self.from = from
        self.to = to
        self.data = data
    }
}
