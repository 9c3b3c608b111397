extension ExactSolver {
    /// Times the solver on `instances` seeded random instances (seed, seed+1, …) — the acceptance benchmark is 12 jobs on 4 devices.
    ///
    /// Run it from a release build: a debug build is 10–50× slower.
    public func benchmark(family: InstanceFamily = .unrelated, jobs: Int = 12, devices: Int = 4, instances: Int = 20,
                          seed: UInt64 = 2002, objective: Objective = .makespan) throws(SchedulingError) -> [SolverTiming] {
        var timings: [SolverTiming] = []
        for drawn in try family.instances(instances, jobs: jobs, devices: devices, seed: seed) {
            let solution = try solve(drawn.instance, objective: objective)
            timings.append(SolverTiming(seed: drawn.seed, jobs: jobs, devices: devices, nodes: solution.nodes,
                                        elapsed: solution.elapsed, proven: solution.provenOptimal))
        }
        return timings
    }
}
