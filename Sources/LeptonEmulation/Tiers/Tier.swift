import LeptonCore

/// An emulated compute device: an edge board or a cloud server.
///
/// A tier runs up to ``slots`` jobs at once (`cores ÷ threadsPerJob`); each job uses
/// `threadsPerJob` of its cores. Its speed is given per core, either relative to one host
/// core or as a calibrated FLOP rate; ``Clock`` turns that into job durations.
public struct Tier: Sendable, Hashable, Codable {
    /// Whether a tier is at the edge or in the cloud.
    public enum Role: String, Sendable, Hashable, Codable {
        /// Near the data: requests arrive here.
        case edge
        /// Behind a network link: large, shared.
        case cloud
    }

    /// How fast one of the tier's cores is.
    public enum Speed: Sendable, Hashable, Codable {
        /// A factor relative to one core of the host (0.25 = four times slower).
        case relative(Double)
        /// A calibrated rate per core.
        case flopRate(FLOPRate)
    }

    /// A unique name ("edge", "camera-1", "cloud").
    public var name: String
    /// Edge or cloud.
    public var role: Role
    /// The speed of one core.
    public var speed: Speed
    /// The number of cores.
    public var cores: Int
    /// Cores (and host threads, on the measured clock) one job uses.
    public var threadsPerJob: Int
    /// Memory for weights and activations.
    public var memory: ByteCount
    /// The precisions the tier can run.
    public var precisions: Set<Precision>
    /// How much faster int8 layers run than Float32 ones on the modelled clock (e.g. 2 for
    /// int8 SIMD dot products); the measured clock measures it instead.
    public var int8Speedup: Double
    /// Idle and busy power draw.
    public var power: PowerProfile
    /// The most jobs that may wait (nil: unbounded); requests beyond it are dropped.
    public var queueCapacity: Int?

    /// A tier from every field; ``Topology`` validates them.
    public init(name: String, role: Role, speed: Speed, cores: Int, threadsPerJob: Int = 1, memory: ByteCount,
                precisions: Set<Precision> = [.float32, .int8], int8Speedup: Double = 2, power: PowerProfile,
                queueCapacity: Int? = nil) {
        self.name = name
        self.role = role
        self.speed = speed
        self.cores = cores
        self.threadsPerJob = threadsPerJob
        self.memory = memory
        self.precisions = precisions
        self.int8Speedup = int8Speedup
        self.power = power
        self.queueCapacity = queueCapacity
    }

    /// An edge device; defaults: a quarter of a host core's speed, 1 core, 256 MiB.
    public static func edge(_ name: String, speed: Speed = .relative(0.25), cores: Int = 1, threadsPerJob: Int = 1,
                            memory: ByteCount = .mebibytes(256), precisions: Set<Precision> = [.float32, .int8],
                            power: PowerProfile = .edgeBoard, queueCapacity: Int? = nil) -> Tier {
        Tier(name: name, role: .edge, speed: speed, cores: cores, threadsPerJob: threadsPerJob, memory: memory,
             precisions: precisions, power: power, queueCapacity: queueCapacity)
    }

    /// A cloud server; defaults: host-core speed, 8 cores, 16 GiB.
    public static func cloud(_ name: String, speed: Speed = .relative(1), cores: Int = 8, threadsPerJob: Int = 1,
                             memory: ByteCount = .gibibytes(16), precisions: Set<Precision> = [.float32, .int8],
                             power: PowerProfile = .cloudServer, queueCapacity: Int? = nil) -> Tier {
        Tier(name: name, role: .cloud, speed: speed, cores: cores, threadsPerJob: threadsPerJob, memory: memory,
             precisions: precisions, power: power, queueCapacity: queueCapacity)
    }

    /// Jobs that can run at once: cores ÷ threadsPerJob.
    public var slots: Int { Swift.max(1, cores / Swift.max(1, threadsPerJob)) }

    /// Checks every field and names the first that is out of range.
    public func validate() throws(EmulationError) {
        guard !name.isEmpty else { throw .invalidTier(tier: "(unnamed)", field: "name", value: "\"\"", expected: "a non-empty name") }
        switch speed {
        case let .relative(s):
            guard s.isFinite, s > 0 else { throw .invalidTier(tier: name, field: "speed", value: "\(s)", expected: "a factor > 0") }
        case let .flopRate(r):
            guard r.flopsPerSecond.isFinite, r.flopsPerSecond > 0 else {
                throw .invalidTier(tier: name, field: "speed", value: "\(r)", expected: "a FLOP rate > 0")
            }
        }
        guard cores >= 1 else { throw .invalidTier(tier: name, field: "cores", value: "\(cores)", expected: "an integer ≥ 1") }
        guard threadsPerJob >= 1, threadsPerJob <= cores else {
            throw .invalidTier(tier: name, field: "threadsPerJob", value: "\(threadsPerJob)", expected: "1…\(cores) (its cores)")
        }
        guard memory.bytes > 0 else { throw .invalidTier(tier: name, field: "memory", value: "\(memory)", expected: "more than 0 bytes") }
        guard !precisions.isEmpty else {
            throw .invalidTier(tier: name, field: "precisions", value: "[]", expected: "at least one of float32, int8")
        }
        guard int8Speedup.isFinite, int8Speedup > 0 else {
            throw .invalidTier(tier: name, field: "int8Speedup", value: "\(int8Speedup)", expected: "a factor > 0")
        }
        guard power.idle.watts >= 0, power.busy.watts >= power.idle.watts else {
            throw .invalidTier(tier: name, field: "power", value: "idle \(power.idle), busy \(power.busy)",
                               expected: "0 ≤ idle ≤ busy")
        }
        if let q = queueCapacity, q < 0 {
            throw .invalidTier(tier: name, field: "queueCapacity", value: "\(q)", expected: "nil or an integer ≥ 0")
        }
    }
}
