/// What happened in one training epoch.
public struct EpochRecord: Sendable, Codable, Equatable {
    /// 1-based epoch number.
    public let epoch: Int
    /// Mean of the batch losses over the epoch (as Keras reports it).
    public let trainLoss: Double
    /// Fraction of training samples classified correctly during the epoch.
    public let trainAccuracy: Double?
    /// Loss on the validation samples after the epoch.
    public let validationLoss: Double?
    /// Accuracy on the validation samples after the epoch.
    public let validationAccuracy: Double?
    /// Wall time of the training steps only (shuffle + every batch), seconds.
    public let seconds: Double
    /// Wall time of the validation pass, seconds.
    public let validationSeconds: Double

    /// An epoch's record (written by ``Trainer``; also for replaying a printed training log).
    public init(epoch: Int, trainLoss: Double, trainAccuracy: Double?, validationLoss: Double?, validationAccuracy: Double?,
                seconds: Double, validationSeconds: Double) {
        self.epoch = epoch
        self.trainLoss = trainLoss
        self.trainAccuracy = trainAccuracy
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
        self.seconds = seconds
        self.validationSeconds = validationSeconds
    }
}

/// The per-epoch record of a training run.
public struct History: Sendable, Codable, Equatable {
    /// One record per completed epoch.
    public var epochs: [EpochRecord] = []
    /// Whether early stopping ended the run before the last epoch.
    public var stoppedEarly = false
    /// The epoch with the lowest validation loss (or training loss without validation).
    public var bestEpoch: Int?

    /// An empty history.
    public init() {}
}
