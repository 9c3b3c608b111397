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
}
