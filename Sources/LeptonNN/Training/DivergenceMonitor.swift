/// A training run that diverged: the epoch where it was seen, the loss then and at the start.
public struct Divergence: Sendable, Equatable, Codable {
    /// Why the run counts as diverged.
    public enum Reason: String, Sendable, Codable {
        /// The loss became NaN or infinite.
        case nonFinite = "non-finite loss"
        /// The epoch's loss grew beyond `DivergenceMonitor.growthFactor` times the first batch's.
        case growth = "loss far above its start"
    }
    /// The first epoch (1-based) at which the divergence was seen.
    public let epoch: Int
    /// The training loss that showed it (the running loss when non-finite mid-epoch).
    public let loss: Double
    /// The loss of the first training batch.
    public let startLoss: Double
    /// Non-finite or growth.
    public let reason: Reason

    /// A divergence seen at `epoch`.
    public init(epoch: Int, loss: Double, startLoss: Double, reason: Reason) {
        self.epoch = epoch
        self.loss = loss
        self.startLoss = startLoss
        self.reason = reason
    }
}

/// Watches a `Trainer`'s progress for divergence: a NaN or infinite loss, or an epoch's mean
/// loss above `growthFactor` × the loss of the very first batch (a freshly initialised
/// classifier starts near ln(classes); a healthy run only goes down from there).
///
/// Feed it every `TrainingProgress`; `divergence` holds the first one seen.
public struct DivergenceMonitor: Sendable {
    /// How far above its start an epoch's loss must be to count as diverged.
    public let growthFactor: Double
    /// The first batch's loss, once seen.
    public private(set) var startLoss: Double?
    /// The first divergence, if any.
    public private(set) var divergence: Divergence?

    /// The default growth factor: an epoch's loss above 3× the start counts as diverged.
    public static let defaultGrowthFactor = 3.0

    /// A monitor that flags a loss above `growthFactor` × the start (default 3).
    public init(growthFactor: Double = DivergenceMonitor.defaultGrowthFactor) {
        self.growthFactor = growthFactor
    }

    /// The first divergence in a finished run's `history`, by the same rule with the first
    /// epoch's mean loss as the start (a history keeps no per-batch losses).
    public static func firstDivergence(in history: History, growthFactor: Double = defaultGrowthFactor) -> Divergence? {
        guard let start = history.epochs.first?.trainLoss else { return nil }
        for e in history.epochs {
            if !e.trainLoss.isFinite {
                return Divergence(epoch: e.epoch, loss: e.trainLoss, startLoss: start, reason: .nonFinite)
            }
            if start.isFinite, e.trainLoss > growthFactor * start {
                return Divergence(epoch: e.epoch, loss: e.trainLoss, startLoss: start, reason: .growth)
            }
        }
        return nil
    }

    /// Records one progress report; returns a divergence the first time one is seen.
    @discardableResult
    public mutating func observe(_ progress: TrainingProgress) -> Divergence? {
        guard divergence == nil else { return nil }
        if startLoss == nil { startLoss = progress.runningLoss }
        let start = startLoss ?? .nan
        let loss = progress.finished?.trainLoss ?? progress.runningLoss
        if !loss.isFinite {
            divergence = Divergence(epoch: progress.epoch, loss: loss, startLoss: start, reason: .nonFinite)
        } else if let finished = progress.finished, start.isFinite, finished.trainLoss > growthFactor * start {
            divergence = Divergence(epoch: progress.epoch, loss: finished.trainLoss, startLoss: start, reason: .growth)
        }
        return divergence
    }
}
