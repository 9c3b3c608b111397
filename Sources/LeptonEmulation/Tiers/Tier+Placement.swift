import LeptonNN

/// Placing (parts of) models on a tier: precision and memory checks.
extension Tier {
    /// The precision a model computes in: int8 if any layer stores int8 weights.
    public static func precision(of model: Sequential) -> Precision {
        model.isQuantized ? .int8 : .float32
    }

    /// Checks that layers `range` (default: all) of `model` can run on this tier at `batch`
    /// samples — the precision is supported and weights + peak activations fit the
    /// memory — and returns the footprint. `label` names the model in the error.
    @discardableResult
    public func place(_ model: Sequential, layers range: Range<Int>? = nil, batch: Int = 1,
                      label: String = "the model") throws(EmulationError) -> ModelFootprint {
        let r = range ?? 0..<model.layers.count
        guard r.lowerBound >= 0, r.upperBound <= model.layers.count else {
            throw .invalidSplit(split: r.upperBound, layers: model.layers.count)
        }
        let precision = Tier.precision(of: model)
        if !r.isEmpty, !precisions.contains(precision) {
            throw .unsupportedPrecision(tier: name, precision: precision.rawValue, supported: precisions.sorted().map(\.rawValue))
        }
        let footprint = ModelFootprint(model: model, layers: r, batch: batch)
        try check(footprint, label: r == 0..<model.layers.count ? label : "\(label) (layers \(r.lowerBound)..<\(r.upperBound))")
        return footprint
    }

    /// Throws ``EmulationError/doesNotFit(model:tier:needed:weights:activations:available:)``
    /// when `footprint` exceeds the memory.
    public func check(_ footprint: ModelFootprint, label: String) throws(EmulationError) {
        guard footprint.total <= memory else {
            throw .doesNotFit(model: label, tier: name, needed: footprint.total, weights: footprint.weights,
                              activations: footprint.activations, available: memory)
        }
    }
}
