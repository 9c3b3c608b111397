/// Gap-to-optimum study: every heuristic against the exact solver on seeded random instances.
public enum GapStudy {
    /// Runs `instances` instances of `jobs` × `devices` from `family`; instance k uses seed `seed + k`.
    ///
    /// Returns one record per (instance, heuristic). Each heuristic's schedule is judged as
    /// built (its own order on each device), against the exact solver's optimum.
    public static func run(family: InstanceFamily, jobs: Int, devices: Int, instances: Int, seed: UInt64,
                           objective: Objective = .makespan,
                           solver: ExactSolver = ExactSolver()) throws(SchedulingError) -> [GapRecord] {
        var records: [GapRecord] = []
        for drawn in try family.instances(instances, jobs: jobs, devices: devices, seed: seed) {
            let exact = try solver.solve(drawn.instance, objective: objective)
            for heuristic in Heuristic.allCases {
                let value = objective.value(of: heuristic.schedule(drawn.instance), in: drawn.instance)
                records.append(GapRecord(instance: drawn.index, seed: drawn.seed, method: heuristic.rawValue, objective: objective,
                                         value: value, optimum: exact.value, proven: exact.provenOptimal))
            }
        }
        return records
    }
}
