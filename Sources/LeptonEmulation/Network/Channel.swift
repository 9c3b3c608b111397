import LeptonCore
import LeptonTensor

/// One direction of a link during a run: a FIFO transmitter.
final class Channel {
    let link: Link
    let from: String
    let to: String
    var rng: SeededGenerator
    var freeAt = SimTime.zero
    var transfers = 0
    var payloadSent = ByteCount.zero
    var payloadReceived = ByteCount.zero
    var wire = ByteCount.zero
    var lost = ByteCount.zero
    var retransmitted = 0
    var transmitting = SimDuration.zero
    /// Exponential average (weight 0.3) of 8 · wire bytes ÷ occupancy, bit/s.
    var bandwidthEstimate: Double

    init(link: Link, from: String, to: String, seed: UInt64) {
        self.link = link
        self.from = from
        self.to = to
        self.rng = SeededGenerator(seed: seed, stream: "link-\(from)>\(to)")
        self.bandwidthEstimate = link.bandwidth(link.direction(from: from)).bitsPerSecond
    }

    /// Queues a transfer submitted at `now`; returns its queueing delay, time on the wire and
    /// delivery time.
    func send(_ payload: ByteCount, now: SimTime) -> (queue: SimDuration, wire: SimDuration, delivery: SimTime) {
        let start = Swift.max(now, freeAt)
        let t = link.transfer(payload, direction: link.direction(from: from), rng: &rng)
        freeAt = start + t.occupancy
        transfers += 1
        payloadSent += payload
        wire += t.wireBytes
        lost += t.lostWireBytes
        retransmitted += t.retransmittedPackets
        transmitting += t.transmitting
        if t.occupancy > .zero {
            let observed = Double(t.wireBytes.bits) / t.occupancy.seconds
            bandwidthEstimate = 0.7 * bandwidthEstimate + 0.3 * observed
        }
        return (start - now, t.duration, start + t.duration)
    }
}
