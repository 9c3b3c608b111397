/// How long the exact solver took on one instance.
public struct SolverTiming: Hashable, Sendable, Codable {
    /// The instance's seed.
    public var seed: UInt64
    /// Jobs in the instance.
    public var jobs: Int
    /// Devices in the instance.
    public var devices: Int
    /// Search nodes visited.
    public var nodes: Int
    /// Wall-clock time of the search.
    public var elapsed: Seconds
    /// Whether optimality was proven.
    public var proven: Bool
}
