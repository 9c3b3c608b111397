import LeptonNN

extension CellContext {
    /// Flags a training run that diverged — a NaN or infinite loss, or an epoch's loss
    /// above `growthFactor` × the first epoch's (``DivergenceMonitor/firstDivergence(in:growthFactor:)``)
    /// — as a warning of the run (in results.json, the report and the terminal) naming
    /// this cell, the epoch and what to try. Returns the divergence, if any.
    @discardableResult
    public func checkTraining(_ history: History, growthFactor: Double = DivergenceMonitor.defaultGrowthFactor) -> Divergence? {
        guard let d = DivergenceMonitor.firstDivergence(in: history, growthFactor: growthFactor) else { return nil }
        warn("training in cell '\(cell)' diverged at epoch \(d.epoch): \(d.reason.rawValue) (loss \(d.loss), "
            + "first epoch \(d.startLoss)); its metrics are not meaningful — try a lower learning rate")
        return d
    }
}
