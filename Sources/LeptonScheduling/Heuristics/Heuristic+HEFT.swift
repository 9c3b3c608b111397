extension Heuristic {
    /// HEFT's upward ranks: rank_u(i) = w̄_i + max_{s ∈ succ(i)} (c̄_{i,s} + rank_u(s)).
    ///
    /// w̄_i is the mean processing time of job i over the devices that can run it; c̄_{i,s}
    /// is the mean communication time of the edge's data over all ordered pairs of distinct
    /// devices (0 with a single device) — Topcuoglu, Hariri, Wu (2002), eq. (4)–(6).
    public static func upwardRanks(_ instance: SchedulingInstance) -> [Double] {
        let m = instance.devices.count
        var ranks = Array(repeating: 0.0, count: instance.jobs.count)
        for job in instance.topologicalOrder.reversed() {
            let finite = instance.devices.indices.map { instance.processingTime(job: job, device: $0) }.filter(\.isFinite)
            let meanCost = finite.reduce(0, +) / Double(max(finite.count, 1))
            var tail = 0.0
            for successor in instance.successors[job] {
                let data = instance.data(from: job, to: successor)
                var total = 0.0
                for a in 0..<m { for b in 0..<m where a != b { total += instance.communicationTime(data, from: a, to: b) } }
                let meanComm = m > 1 ? total / Double(m * (m - 1)) : 0
                tail = max(tail, meanComm + ranks[successor])
            }
            ranks[job] = meanCost + tail
        }
        return ranks
    }

    /// Jobs by decreasing upward rank; ties keep topological order.
    static func heftOrder(_ instance: SchedulingInstance) -> [Int] {
        let ranks = upwardRanks(instance)
        let position = Dictionary(uniqueKeysWithValues: instance.topologicalOrder.enumerated().map { ($1, $0) })
        return instance.topologicalOrder.sorted {
            (-ranks[$0], position[$0] ?? 0) < (-ranks[$1], position[$1] ?? 0)
        }
    }
}
