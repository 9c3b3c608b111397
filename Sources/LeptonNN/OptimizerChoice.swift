/// An optimizer named on a command line or in a profile — "adam" or "sgd" — with its
/// default learning rate (Keras's defaults: 0.001 for Adam, 0.01 for SGD).
public enum OptimizerChoice: String, CaseIterable, Sendable, Codable {
    /// ``Adam``.
    case adam
    /// ``SGD`` (with optional momentum).
    case sgd

    /// The learning rate used when none is given.
    public var defaultLearningRate: Float { self == .adam ? 0.001 : 0.01 }

    /// A fresh optimizer: `learningRate` or the default, `momentum` for SGD only.
    public func make(learningRate: Float? = nil, momentum: Float = 0) -> Optimizer {
        switch self {
        case .adam: return Adam(learningRate: learningRate ?? defaultLearningRate)
        case .sgd: return SGD(learningRate: learningRate ?? defaultLearningRate, momentum: momentum)
        }
    }
}
