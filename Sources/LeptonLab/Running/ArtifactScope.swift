import Foundation
import LeptonData

/// Artifacts saved by the cells of a run, by scope: a cell sees what earlier cells of its
/// replicate saved outside the sweep, and what earlier cells saved at its own sweep point.
struct ArtifactScope {
    private var byScope: [String: [String: Data]] = [:]

    /// Stores a unit's artifacts.
    mutating func store(_ artifacts: [String: Data], for unit: RunUnit) {
        for (name, data) in artifacts { byScope[unit.scope, default: [:]][name] = data }
    }

    /// The artifact `name` visible to `unit`.
    func artifact(_ name: String, for unit: RunUnit) -> Data? {
        byScope[unit.scope]?[name] ?? byScope["\(unit.replicate)/-"]?[name]
    }

    /// The names visible to `unit`, sorted.
    func available(to unit: RunUnit) -> [String] {
        Set((byScope[unit.scope] ?? [:]).keys).union((byScope["\(unit.replicate)/-"] ?? [:]).keys).sorted()
    }
}
