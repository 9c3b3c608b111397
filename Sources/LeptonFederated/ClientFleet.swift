import LeptonCore
import LeptonEmulation

/// A seeded, heterogeneous fleet of edge clients: phones and boards with different speeds,
/// memory and asymmetric links to one server.
public enum ClientFleet {
    /// One kind of device in the fleet.
    public struct Profile: Sendable, Hashable {
        /// "phone", "board", …
        public var kind: String
        /// FLOP rate of one core.
        public var rate: FLOPRate
        /// Memory.
        public var memory: ByteCount
        /// Uplink (client → server) bandwidth.
        public var up: Bandwidth
        /// Downlink (server → client) bandwidth.
        public var down: Bandwidth
        /// One-way latency each way.
        public var latency: SimDuration

        /// A device kind from its parts.
        public init(kind: String, rate: FLOPRate, memory: ByteCount, up: Bandwidth, down: Bandwidth, latency: SimDuration) {
            self.kind = kind
            self.rate = rate
            self.memory = memory
            self.up = up
            self.down = down
            self.latency = latency
        }
    }

    /// The default mix (cycled over clients): a 4G phone (10 up / 50 down Mbit/s, 40 ms),
    /// a home board on DSL (5 up / 50 down, 20 ms) and a 5G phone (20 up / 200 down, 15 ms);
    /// 2–8 GFLOP/s per core, 256 MiB – 1 GiB.
    public static let defaultProfiles: [Profile] = [
        Profile(kind: "phone-4g", rate: .gigaFLOPS(4), memory: .mebibytes(512), up: .megabitsPerSecond(10),
                down: .megabitsPerSecond(50), latency: .milliseconds(40)),
        Profile(kind: "board-dsl", rate: .gigaFLOPS(2), memory: .mebibytes(256), up: .megabitsPerSecond(5),
                down: .megabitsPerSecond(50), latency: .milliseconds(20)),
        Profile(kind: "phone-5g", rate: .gigaFLOPS(8), memory: .gibibytes(1), up: .megabitsPerSecond(20),
                down: .megabitsPerSecond(200), latency: .milliseconds(15)),
    ]

    /// One client per index list, the profiles cycled in order; client k is named
    /// "<kind>-<k>" and linked to `server` asymmetrically.
    public static func make(shards: [[Int]], server: String = "cloud", profiles: [Profile] = defaultProfiles) -> [FederatedClient] {
        shards.enumerated().map { k, indices in
            let p = profiles[k % profiles.count]
            let name = "\(p.kind)-\(k)"
            return FederatedClient(tier: .edge(name, speed: .flopRate(p.rate), memory: p.memory),
                                   link: .asymmetric(name, server, up: p.up, down: p.down, upLatency: p.latency, downLatency: p.latency),
                                   indices: indices)
        }
    }
}
