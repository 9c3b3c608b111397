/// Gap-to-optimum study: every heuristic against the exact solver on seeded random instances.
public enum GapStudy {
    /// Runs `instances` instances of `jobs` × `devices` from `family`; instance k uses seed `seed + k`.
    ///
    /// Returns one record per (instance, heuristic). Each heuristic's schedule is judged as
    /// built (its own order on each device), against the exact solver's optimum.
    public static func run(family: InstanceFamily, jobs: Int, devices: Int, instances: Int, seed: UInt64,
                           objective: Objective = .makespan,
                           solver: ExactSolver = ExactSolver()) throws(SchedulingError) -> [GapRecord] {
        guard instances >= 1 else {
            throw .invalidParameter(name: "instances", found: "\(instances)", expected: "at least 1")
        }
        var records: [GapRecord] = []
        for k in 0..<instances {
            let instanceSeed = seed &+ UInt64(k)
            var generator = InstanceGenerator(seed: instanceSeed)
            let instance = try family.draw(&generator, jobs: jobs, devices: devices)
            let exact = try solver.solve(instance, objective: objective)
            for heuristic in Heuristic.allCases {
                let value = objective.value(of: heuristic.schedule(instance), in: instance)
                records.append(GapRecord(instance: k, seed: instanceSeed, method: heuristic.rawValue, objective: objective,
                                         value: value, optimum: exact.value, proven: exact.provenOptimal))
            }
        }
        return records
    }
}
