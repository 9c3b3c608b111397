extension ExactSolver {
    /// Times the solver on `instances` seeded random instances (seed, seed+1, …) — the acceptance benchmark is 12 jobs on 4 devices.
    ///
    /// Run it from a release build: a debug build is 10–50× slower.
    public func benchmark(family: InstanceFamily = .unrelated, jobs: Int = 12, devices: Int = 4, instances: Int = 20,
                          seed: UInt64 = 2002, objective: Objective = .makespan) throws(SchedulingError) -> [SolverTiming] {
        guard instances >= 1 else {
            throw .invalidParameter(name: "instances", found: "\(instances)", expected: "at least 1")
        }
        var timings: [SolverTiming] = []
        for k in 0..<instances {
            let instanceSeed = seed &+ UInt64(k)
            var generator = InstanceGenerator(seed: instanceSeed)
            let instance = try family.draw(&generator, jobs: jobs, devices: devices)
            let solution = try solve(instance, objective: objective)
            timings.append(SolverTiming(seed: instanceSeed, jobs: jobs, devices: devices, nodes: solution.nodes,
                                        elapsed: solution.elapsed, proven: solution.provenOptimal))
        }
        return timings
    }
}
