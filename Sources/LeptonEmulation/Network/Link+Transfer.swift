import LeptonCore
import LeptonTensor

/// The transfer model of ``Link`` as a computation.
extension Link {
    /// Sends `payload` over `direction` of an idle link: the same model with that
    /// direction's bandwidth and latency.
    public func transfer(_ payload: ByteCount, direction: Direction, rng: inout SeededGenerator) -> LinkTransfer {
        oneWay(direction).transfer(payload, rng: &rng)
    }

    /// Sends `payload` over the downlink figures (both directions' on a symmetric link) of an idle link, drawing jitter and packet loss
    /// from `rng` (jitter first, then one draw per packet per round, only when J > 0 and
    /// p > 0 respectively). Without loss and jitter the ``LinkTransfer/duration`` is exactly
    /// L + round_ns(8·W / B) with W = P + max(1, ⌈P / (MTU − H)⌉)·H.
    public func transfer(_ payload: ByteCount, rng: inout SeededGenerator) -> LinkTransfer {
        let per = payloadPerPacket
        let n = packets(for: payload)
        let lastSize = payload.bytes - (n - 1) * per
        var jitterTime = SimDuration.zero
        if jitter > .zero {
            let u = rng.nextUnitDouble()
            jitterTime = SimDuration(nanoseconds: Int64((u * Double(jitter.nanoseconds)).rounded(.toNearestOrAwayFromZero)))
        }
        // Packets still to deliver, as (count of full packets, whether the last one is pending).
        var pendingFull = n - 1
        var pendingLast = true
        var rounds = 0
        var occupancy = SimDuration.zero, transmitting = SimDuration.zero
        var wire = 0, lost = 0, resent = 0
        while pendingFull > 0 || pendingLast {
            if rounds > 0 {
                occupancy += retransmitTimeout
                resent += pendingFull + (pendingLast ? 1 : 0)
            }
            let roundBytes = pendingFull * (per + header.bytes) + (pendingLast ? lastSize + header.bytes : 0)
            let t = bandwidth.transmissionTime(.bytes(roundBytes))
            occupancy += t
            transmitting += t
            wire += roundBytes
            rounds += 1
            if loss > 0 {
                var lostFull = 0
                for _ in 0..<pendingFull { if rng.nextUnitDouble() < loss { lostFull += 1 } }
                let lastLost = pendingLast && rng.nextUnitDouble() < loss
                lost += lostFull * (per + header.bytes) + (lastLost ? lastSize + header.bytes : 0)
                pendingFull = lostFull
                pendingLast = lastLost
            } else {
                pendingFull = 0
                pendingLast = false
            }
        }
        return LinkTransfer(payload: payload, rounds: rounds, occupancy: occupancy, transmitting: transmitting,
                            jitter: jitterTime, wireBytes: .bytes(wire), lostWireBytes: .bytes(lost),
                            retransmittedPackets: resent, latency: latency)
    }
}
