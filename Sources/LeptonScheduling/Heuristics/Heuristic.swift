/// The classic list-scheduling heuristics, for independent jobs and for DAGs.
///
/// All place a job on the device where it finishes earliest (its earliest finish time,
/// EFT = max(device free, data ready) + processing time); they differ in which job goes next:
/// - `greedy`: jobs in topological order (input order for independent jobs), no insertion
///   — Graham's list scheduling generalised to heterogeneous devices ("minimum completion time");
/// - `minMin`: among ready jobs, the one whose best EFT is smallest (Braun et al. 2001);
/// - `maxMin`: among ready jobs, the one whose best EFT is largest (Braun et al. 2001);
/// - `heft`: jobs by decreasing upward rank, EFT with insertion into idle gaps (Topcuoglu, Hariri, Wu 2002).
public enum Heuristic: String, Hashable, Sendable, CaseIterable, Codable {
    /// List scheduling in input/topological order, each job to its earliest-finish device.
    case greedy
    /// Min-Min: repeatedly schedule the ready job with the smallest minimum completion time.
    case minMin
    /// Max-Min: repeatedly schedule the ready job with the largest minimum completion time.
    case maxMin
    /// Heterogeneous Earliest Finish Time: upward-rank order, insertion-based EFT.
    case heft

    /// A schedule of `instance` built by this heuristic (deterministic; ties go to the lower index).
    public func schedule(_ instance: SchedulingInstance) -> Schedule {
        switch self {
        case .greedy:
            return Self.listSchedule(instance, order: instance.topologicalOrder, insertion: false)
        case .minMin:
            return Self.batchSchedule(instance, pickLargest: false)
        case .maxMin:
            return Self.batchSchedule(instance, pickLargest: true)
        case .heft:
            return Self.listSchedule(instance, order: Self.heftOrder(instance), insertion: true)
        }
    }
}
