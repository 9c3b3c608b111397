import Foundation
import LeptonCore

extension Divergence {
    /// What a diverged run tells its user: the epoch, the loss against its start, and a
    /// learning rate to try (a tenth of the one used) for `optimizer`.
    public func advice(optimizer: OptimizerChoice, learningRate: Float?) -> String {
        let rate = learningRate ?? optimizer.defaultLearningRate
        return "training diverged at epoch \(epoch): \(reason.rawValue) (loss \(NumberFormat.significant(loss)), "
            + "\(NumberFormat.significant(startLoss)) at the start); "
            + "the learning rate \(rate) is probably too high for \(optimizer.rawValue) — try --learning-rate \(rate / 10) or lower "
            + "(the \(optimizer.rawValue) default is \(optimizer.defaultLearningRate))"
    }
}
