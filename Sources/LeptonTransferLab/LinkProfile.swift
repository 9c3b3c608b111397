import LeptonCore
import LeptonScheduling

/// One link condition to measure: the path, an optional rate limit, added delay and loss, and the transfers to time.
public struct LinkProfile: Hashable, Sendable, Codable {
    /// A label for reports, e.g. "veth-tbf-10mbit".
    public var name: String
    /// Loopback or a veth pair between namespaces.
    public var medium: LinkMedium
    /// tbf rate limit on the data direction (veth only); `nil` for none.
    public var rate: Bandwidth?
    /// One-way delay added in each direction (netem when the kernel has it, else a delaying relay process).
    public var delay: Seconds
    /// Packet loss probability on the data direction (netem only; the profile is skipped without netem).
    public var loss: Double
    /// Payload sizes to transfer.
    public var sizes: [ByteCount]
    /// Transfers per size.
    public var repetitions: Int

    /// A profile; `sizes.count × repetitions` transfers are timed.
    public init(name: String, medium: LinkMedium, rate: Bandwidth? = nil, delay: Seconds = .zero, loss: Double = 0,
                sizes: [ByteCount], repetitions: Int) {
        self.name = name
        self.medium = medium
        self.rate = rate
        self.delay = delay
        self.loss = loss
        self.sizes = sizes
        self.repetitions = repetitions
    }

    /// Transfers timed per profile.
    public var transferCount: Int { sizes.count * repetitions }

    /// The default study: loopback, veth + tbf 20 Mbit/s, and veth + tbf 10 Mbit/s + 10 ms each way;
    /// 5 sizes (1 KiB–512 KiB) × 4 = 20 transfers each, a few seconds per profile.
    public static let standard: [LinkProfile] = {
        let sizes: [ByteCount] = [.kibibytes(1), .kibibytes(8), .kibibytes(32), .kibibytes(128), .kibibytes(512)]
        return [
            LinkProfile(name: "loopback", medium: .loopback, sizes: sizes + [.mebibytes(4)], repetitions: 4),
            LinkProfile(name: "veth-tbf-20mbit", medium: .veth, rate: .megabitsPerSecond(20), sizes: sizes, repetitions: 4),
            LinkProfile(name: "veth-tbf-10mbit-delay-10ms", medium: .veth, rate: .megabitsPerSecond(10),
                        delay: .milliseconds(10), sizes: sizes, repetitions: 4),
            LinkProfile(name: "veth-tbf-10mbit-loss-1pct", medium: .veth, rate: .megabitsPerSecond(10),
                        loss: 0.01, sizes: sizes, repetitions: 4),
        ]
    }()
}
