import Foundation

/// Finds claims whose value is computed from constants alone: run an experiment twice — as
/// configured, and with the seed and every numeric parameter moved — and compare each claim's
/// value. A claim declared *measured* or *modelled* (or undeclared) whose value does not move,
/// whose cell read no data set and whose alternatives agree with it is flagged: its evidence
/// is a constant, so it is *arithmetic* (the document's printed numbers) or *definitional*
/// (true by construction) and must say so.
///
/// The probe cannot tell arithmetic from definitional (both are constant); the experiment's
/// author declares which, and the ledger never counts a definitional value as reproduced.
public enum ProvenanceProbe {
    /// `--set` overrides that move every numeric parameter of `experiment` within its range
    /// (integers by one step, numbers doubled or halved, lists element-wise), starting from the values
    /// of `profile` (or the defaults). Text and true/false parameters keep their values: they
    /// select what is computed rather than an input to it.
    public static func perturbations(of experiment: Experiment, profile: String?) -> [String] {
        let values = experiment.profiles.first { $0.name == profile }?.values ?? [:]
        return experiment.parameters.compactMap { spec -> String? in
            let value = values[spec.name] ?? spec.defaultValue
            func inRange(_ v: Double) -> Bool { spec.range.map { $0.contains(v) } ?? true }
            func moved(_ v: Double, integer: Bool) -> Double? {
                let candidates = integer ? [v + 1, v - 1] : [v * 2, v / 2, v + 1, v - 1]
                return candidates.first { $0 != v && inRange($0) }
            }
            switch value {
            case let .int(v):
                return moved(Double(v), integer: true).map { "\(spec.name)=\(Int($0))" }
            case let .double(v):
                return moved(v, integer: false).map { "\(spec.name)=\($0)" }
            case let .doubles(list):
                let next = list.map { moved($0, integer: false) ?? $0 }
                return next == list ? nil : "\(spec.name)=" + next.map { String($0) }.joined(separator: ",")
            case .string, .bool:
                return nil
            }
        }
    }

    /// Claims (not checks) of `base` declared measured, modelled or not at all whose value is
    /// the same in `perturbed` — each with a sentence saying what to declare instead. A value
    /// is not constant when it moved, when its alternatives (the same quantity under other
    /// assumptions) differ from it, or when the cell that recorded it read a data set (its
    /// value then depends on real data, an input the probe does not move).
    public static func constantClaims(base: RunResult, perturbed: RunResult) -> [String] {
        let readsData = Set(base.outputs.filter { o in
            o.output.reads.contains { if case .dataset = $0 { return true } else { return false } }
        }.map(\.cell))
        return base.record.claims.enumerated().compactMap { index, claim -> String? in
            guard claim.kind != .check, claim.provenance != .arithmetic, claim.provenance != .definitional,
                  index < perturbed.record.claims.count, let a = claim.reproduced,
                  let b = perturbed.record.claims[index].reproduced, a == b || (a.isNaN && b.isNaN),
                  !(claim.alternatives ?? []).contains(where: { $0.value != a }),
                  !(claim.cell.map(readsData.contains) ?? false) else { return nil }
            return "\(base.record.experiment): claim '\(claim.statement)' (\(claim.source)) is declared "
                + "\(claim.provenance?.rawValue ?? "nothing") but its value \(ParameterValue.format(a)) does not change when the "
                + "seed and every numeric parameter change, reads no data set and has no alternative that differs: it is "
                + "computed from constants — declare it .arithmetic(printed:) if the constants are the document's printed "
                + "numbers, else .definitional(why:)"
        }
    }
}
