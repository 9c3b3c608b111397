import LeptonCore

/// A processor that runs jobs: an edge node or a cloud server with a speed and a memory capacity.
///
/// Cost model: a job of `work` operations runs for `work / speed` seconds on this device,
/// unless the instance gives an explicit execution-time matrix. A job whose `memory`
/// exceeds the device's `memory` cannot run here.
public struct Device: Hashable, Sendable {
    /// A unique name, used by links, jobs' origins and JSON files.
    public var name: String
    /// Edge or cloud.
    public var kind: DeviceKind
    /// Operations per second (any consistent unit of work per second).
    public var speed: Double
    /// Memory capacity; `nil` means unlimited.
    public var memory: ByteCount?

    /// A device named `name` of `kind` that performs `speed` operations per second.
    public init(name: String, kind: DeviceKind = .edge, speed: Double, memory: ByteCount? = nil) {
        self.name = name
        self.kind = kind
        self.speed = speed
        self.memory = memory
    }
}
