/// One unit of work: a cell at a sweep point (nil outside the sweep) and replicate.
struct RunUnit: Sendable, Equatable {
    let cell: Cell
    let point: Int?
    let replicate: Int

    static func == (a: RunUnit, b: RunUnit) -> Bool {
        a.cell.name == b.cell.name && a.point == b.point && a.replicate == b.replicate
    }

    /// Where its artifacts live: "replicate/point", or "replicate/-" outside the sweep.
    var scope: String { "\(replicate)/\(point.map(String.init) ?? "-")" }
}

/// The units of a run in execution order: for every replicate, the cells in declaration
/// order, the sweep's cells once per point. With `point`, only that point's sweep cells and
/// the cells before the sweep (what `--point I` runs on a cluster node).
struct RunPlan: Sendable {
    let units: [RunUnit]

    init(experiment: Experiment, replicates: Int, point: Int?) {
        var units: [RunUnit] = []
        for r in 0..<replicates {
            var afterSweep = false
            for item in experiment.items {
                switch item {
                case let .cell(c) where point == nil || !afterSweep:
                    units.append(RunUnit(cell: c, point: nil, replicate: r))
                case let .sweep(s):
                    afterSweep = true
                    for p in s.points.indices where point == nil || point == p {
                        units += s.cells.map { RunUnit(cell: $0, point: p, replicate: r) }
                    }
                default:
                    continue
                }
            }
        }
        self.units = units
    }
}
