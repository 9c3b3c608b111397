import LeptonNN

extension CellContext {
    /// Flags a training run that diverged — a NaN or infinite loss, or an epoch's loss
    /// above `growthFactor` × the first epoch's — as a warning of the run (in results.json,
    /// the report and the terminal) naming this cell, the epoch and what to try. Returns
    /// the divergence, if any.
    @discardableResult
    public func checkTraining(_ history: History, growthFactor: Double = 3) -> Divergence? {
        guard let first = history.epochs.first else { return nil }
        for e in history.epochs {
            let reason: Divergence.Reason?
            if !e.trainLoss.isFinite { reason = .nonFinite }
            else if first.trainLoss.isFinite, e.trainLoss > growthFactor * first.trainLoss { reason = .growth }
            else { reason = nil }
            guard let reason else { continue }
            let d = Divergence(epoch: e.epoch, loss: e.trainLoss, startLoss: first.trainLoss, reason: reason)
            warn("training in cell '\(cell)' diverged at epoch \(d.epoch): \(reason.rawValue) (loss \(d.loss), "
                + "first epoch \(d.startLoss)); its metrics are not meaningful — try a lower learning rate")
            return d
        }
        return nil
    }
}
