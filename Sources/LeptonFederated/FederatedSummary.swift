import LeptonCore
import LeptonEmulation

/// Rounds, bytes and emulated time until a target test accuracy, read off a history.
public struct FederatedSummary: Sendable, Hashable {
    /// The target accuracy.
    public let target: Double
    /// The first round whose test accuracy ≥ target, or nil if none did.
    public let roundsToTarget: Int?
    /// Wire bytes (both directions) up to and including that round.
    public let bytesToTarget: ByteCount?
    /// Emulated time up to the end of that round.
    public let timeToTarget: SimDuration?
    /// Rounds run.
    public let rounds: Int
    /// The last evaluated test accuracy.
    public let finalAccuracy: Double?
    /// The best evaluated test accuracy.
    public let bestAccuracy: Double?

    /// The summary of `history` for `target`.
    public init(history: [RoundRecord], target: Double) {
        self.target = target
        let hit = history.first { ($0.testAccuracy ?? -1) >= target }
        roundsToTarget = hit?.round
        bytesToTarget = hit?.cumulativeBytes
        timeToTarget = hit?.elapsed
        rounds = history.count
        finalAccuracy = history.last { $0.testAccuracy != nil }?.testAccuracy
        bestAccuracy = history.compactMap(\.testAccuracy).max()
    }
}
