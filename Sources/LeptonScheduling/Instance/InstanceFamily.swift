/// Which kind of random instance a study draws (see `InstanceGenerator`).
public enum InstanceFamily: String, Hashable, Sendable, Codable, CaseIterable {
    /// Unrelated machines with integer execution times 1…20 (`InstanceGenerator.unrelated`).
    case unrelated
    /// Edge/cloud devices, links and input transfers (`InstanceGenerator.edgeCloud`).
    case edgeCloud

    /// Draws one instance of this family.
    func draw(_ generator: inout InstanceGenerator, jobs: Int, devices: Int) throws(SchedulingError) -> SchedulingInstance {
        switch self {
        case .unrelated: return try generator.unrelated(jobs: jobs, devices: devices)
        case .edgeCloud: return try generator.edgeCloud(jobs: jobs, devices: devices)
        }
    }

    /// The `count` instances of a study, instance k drawn from its own generator seeded
    /// `seed + k` (wrapping); fails if `count` < 1.
    func instances(_ count: Int, jobs: Int, devices: Int, seed: UInt64) throws(SchedulingError)
        -> [(index: Int, seed: UInt64, instance: SchedulingInstance)] {
        guard count >= 1 else {
            throw .invalidParameter(name: "instances", found: "\(count)", expected: "at least 1")
        }
        var drawn: [(index: Int, seed: UInt64, instance: SchedulingInstance)] = []
        for k in 0..<count {
            var generator = InstanceGenerator(seed: seed &+ UInt64(k))
            drawn.append((k, seed &+ UInt64(k), try draw(&generator, jobs: jobs, devices: devices)))
        }
        return drawn
    }
}
