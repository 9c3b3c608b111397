import Foundation
import LeptonData

/// Everything a unit can read, and each read's current value (for cache lookups).
struct UnitInputs {
    /// Parameter values at the unit's sweep point.
    let values: [String: ParameterValue]
    /// The replicate's seed.
    let seed: UInt64
    /// The artifact `name` visible to the unit.
    let artifact: (String) -> Data?
    /// The artifact names visible to the unit.
    let available: () -> [String]
    /// Every sweep point's metrics in the unit's replicate.
    let sweepResults: () -> [SweepPointResult]

    init(unit: RunUnit, experiment: Experiment, seed: UInt64, state: Runner.RunState) {
        var values = state.values
        let points = experiment.sweep?.points ?? []
        if let p = unit.point { for (k, v) in points[p] { values[k] = v } }
        self.values = values
        self.seed = seed
        let artifacts = state.artifacts
        artifact = { artifacts.artifact($0, for: unit) }
        available = { artifacts.available(to: unit) }
        let outputs = state.outputs
        sweepResults = {
            points.indices.map { p in
                SweepPointResult(point: p, values: points[p],
                                 metrics: outputs.filter { $0.replicate == unit.replicate && $0.point == p }.flatMap { $0.output.metrics })
            }
        }
    }

    /// The value `input` has now, in the form a cell records it; nil when it no longer
    /// exists (a parameter removed, a data set gone).
    func current(_ input: CellRead.Input) -> CellRead? {
        switch input {
        case let .parameter(name):
            return values[name].map { .parameter(name: name, value: $0) }
        case .seed:
            return .seed(seed)
        case let .dataset(name):
            return DatasetCatalogue.currentChecksums(of: name).map { .dataset(name: name, checksums: $0) }
        case let .artifact(name):
            return artifact(name).map { .artifact(name: name, sha256: SHA256.hexDigest([UInt8]($0))) }
        case .sweepResults:
            return .sweepResults(sha256: SweepPointResult.digest(sweepResults()))
        case let .file(path):
            return (try? SHA256.hexDigest(ofFile: URL(fileURLWithPath: path))).map { .file(path: path, sha256: $0) }
        }
    }
}
