import LeptonCore

/// A task to schedule (named `Job` so it does not clash with Swift's `Task`).
///
/// Cost model: on device j the job occupies the device for
/// `T_in(origin → j) + work / speed_j` seconds, where `T_in` is the link time
/// (latency + input·8/bandwidth, zero on the origin itself) for its input data.
public struct Job: Hashable, Sendable {
    /// A unique name, used by DAG edges and JSON files.
    public var name: String
    /// Operations to perform (same unit as `Device.speed`).
    public var work: Double
    /// Weight in the weighted-completion-time objective (Σ w_i·C_i).
    public var weight: Double
    /// Memory the job needs; it runs only on devices with at least this much.
    public var memory: ByteCount
    /// Input data that must first reach the executing device from `origin`.
    public var input: ByteCount
    /// Index of the device where the input lives; `nil` means the input is everywhere.
    public var origin: Int?

    /// A job named `name` of `work` operations.
    public init(name: String, work: Double, weight: Double = 1, memory: ByteCount = .zero,
                input: ByteCount = .zero, origin: Int? = nil) {
        self.name = name
        self.work = work
        self.weight = weight
        self.memory = memory
        self.input = input
        self.origin = origin
    }
}
