/// Optimal sequencing of the jobs assigned to one device.
///
/// For a fixed assignment, C_max does not depend on the order, and Σ w_i·C_i on one machine
/// is minimised by Smith's rule (WSPT): jobs in increasing p_i / w_i (Smith 1956).
enum MachineSequencing {
    /// `jobs` in Smith order for processing times `p` and weights `w`; ties by index.
    static func smithOrder(_ jobs: [Int], processing p: (Int) -> Double, weight w: (Int) -> Double) -> [Int] {
        jobs.sorted { a, b in
            // p_a / w_a < p_b / w_b, written without division so zero weights go last.
            let left = p(a) * w(b)
            let right = p(b) * w(a)
            return left != right ? left < right : a < b
        }
    }

    /// The weights Smith's rule should use for `objective`: the jobs' weights, or 1 for mean latency (SPT order).
    static func weights(for objective: Objective, in instance: SchedulingInstance) -> [Double] {
        objective == .meanLatency ? Array(repeating: 1, count: instance.jobs.count) : instance.jobs.map(\.weight)
    }

    /// The schedule of an assignment of independent jobs, each device's jobs back to back in Smith order for `objective`.
    static func schedule(assignment: [Int], instance: SchedulingInstance, objective: Objective) -> Schedule {
        let weights = Self.weights(for: objective, in: instance)
        var placements: [ScheduledJob] = []
        for device in instance.devices.indices {
            let mine = assignment.indices.filter { assignment[$0] == device }
            var clock = 0.0
            let ordered = smithOrder(mine, processing: { instance.processingTime(job: $0, device: device) },
                                     weight: { weights[$0] })
            for job in ordered {
                let finish = clock + instance.processingTime(job: job, device: device)
                placements.append(ScheduledJob(job: job, device: device, start: clock, finish: finish))
                clock = finish
            }
        }
        return Schedule(placements: placements)
    }
}
