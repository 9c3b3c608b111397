/// Zero-work jobs taken out of an instance before the exact search and put back after it.
///
/// A job whose processing time is 0 on every device adds nothing to the search but its
/// placements: workflow tools add a zero-work source and sink around a graph, and a list
/// search then tries every position for them. They are removed when that is exact:
/// - a **source** (no predecessors) whose outgoing edges cost 0 between every pair of
///   devices: put back at time 0 on the first device, it delays no job and finishes at 0
///   (so it adds 0 to Σ w·C and to the makespan);
/// - a **sink** (no successors) whose incoming edges cost 0, for the makespan (or Σ w·C when
///   its weight is 0) only: put back
///   at its predecessors' latest finish on that predecessor's device, it finishes no later
///   than the makespan of the rest (for Σ w·C with a weight its finish counts, so it stays).
/// Every optimal schedule of the reduced instance, restored, is optimal for the original:
/// any schedule of the original restricted to the other jobs is one of the reduced instance
/// with the same makespan or Σ w·C (mean latency: the same Σ C over more jobs).
struct ZeroWorkReduction {
    /// The instance without the removed jobs.
    let reduced: SchedulingInstance
    /// For each reduced job, its index in the original instance.
    let kept: [Int]
    /// Removed sources and sinks (original indices).
    let sources: [Int]
    let sinks: [Int]
    let original: SchedulingInstance

    /// Whether any job was removed.
    var removesAny: Bool { !sources.isEmpty || !sinks.isEmpty }

    /// The reduction of `instance`, or nil when it has no removable job (or would have no job left).
    init?(_ instance: SchedulingInstance, objective: Objective) throws(SchedulingError) {
        let n = instance.jobs.count, m = instance.devices.count
        func isZeroWork(_ i: Int) -> Bool { (0..<m).allSatisfy { instance.processingTime(job: i, device: $0) == 0 } }
        func isFree(_ edge: DataEdge) -> Bool {
            (0..<m).allSatisfy { a in (0..<m).allSatisfy { b in instance.communicationTime(edge.data, from: a, to: b) == 0 } }
        }
        var sources: [Int] = [], sinks: [Int] = []
        for i in 0..<n where isZeroWork(i) {
            if instance.predecessors[i].isEmpty, instance.edges.allSatisfy({ $0.from != i || isFree($0) }) {
                sources.append(i)
            } else if objective == .makespan || (objective == .weightedCompletionTime && instance.jobs[i].weight == 0),
                      instance.successors[i].isEmpty, instance.edges.allSatisfy({ $0.to != i || isFree($0) }) {
                sinks.append(i)
            }
        }
        let removed = Set(sources + sinks)
        guard !removed.isEmpty, removed.count < n else { return nil }
        let kept = (0..<n).filter { !removed.contains($0) }
        var newIndex = [Int](repeating: -1, count: n)
        for (k, i) in kept.enumerated() { newIndex[i] = k }
        let edges = instance.edges.compactMap { edge -> DataEdge? in
            guard newIndex[edge.from] >= 0, newIndex[edge.to] >= 0 else { return nil }
            return DataEdge(from: newIndex[edge.from], to: newIndex[edge.to], data: edge.data)
        }
        reduced = try SchedulingInstance(name: instance.name, devices: instance.devices, jobs: kept.map { instance.jobs[$0] },
                                         links: instance.links, edges: edges, defaultLatency: instance.defaultLatency,
                                         defaultBandwidth: instance.defaultBandwidth,
                                         executionTimes: instance.executionTimes.map { rows in kept.map { rows[$0] } })
        self.kept = kept
        self.sources = sources
        self.sinks = sinks
        original = instance
    }

    /// A schedule of the original instance from one of the reduced instance.
    func restore(_ schedule: Schedule) -> Schedule {
        var placements = schedule.placements.map {
            ScheduledJob(job: kept[$0.job], device: $0.device, start: $0.start, finish: $0.finish)
        }
        var finish: [Int: ScheduledJob] = Dictionary(uniqueKeysWithValues: placements.map { ($0.job, $0) })
        for source in sources {
            let placed = ScheduledJob(job: source, device: 0, start: 0, finish: 0)
            placements.append(placed)
            finish[source] = placed
        }
        for sink in sinks {
            let last = original.predecessors[sink].compactMap { finish[$0] }.max { ($0.finish, $0.job) < ($1.finish, $1.job) }
            let time = last?.finish ?? 0
            placements.append(ScheduledJob(job: sink, device: last?.device ?? 0, start: time, finish: time))
        }
        return Schedule(placements: placements)
    }
}
