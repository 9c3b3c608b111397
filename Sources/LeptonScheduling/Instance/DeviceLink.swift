import LeptonCore

/// A network link between two devices of a scheduling instance, used in both directions
/// (a fixed cost per transfer; the emulated link with queues and loss is LeptonEmulation's `Link`).
///
/// Cost model: moving `d` bytes over the link takes `latency + d·8 / bandwidth` seconds.
public struct DeviceLink: Hashable, Sendable {
    /// Index of one end device.
    public var from: Int
    /// Index of the other end device.
    public var to: Int
    /// One-way latency.
    public var latency: Seconds
    /// Line rate.
    public var bandwidth: Bandwidth

    /// A link between devices `from` and `to`.
    public init(from: Int, to: Int, latency: Seconds, bandwidth: Bandwidth) {
        self.from = from
        self.to = to
        self.latency = latency
        self.bandwidth = bandwidth
    }

    /// The time to move `size` over this link: latency + size·8 / bandwidth.
    public func transferTime(_ size: ByteCount) -> Seconds {
        latency + Seconds(bandwidth.secondsToSend(size))
    }
}
