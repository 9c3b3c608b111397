/// A partial schedule shared by the list heuristics: device timelines and placed jobs.
struct ListState {
    let instance: SchedulingInstance
    var timelines: [DeviceTimeline]
    var placements: [ScheduledJob?]

    init(_ instance: SchedulingInstance) {
        self.instance = instance
        timelines = Array(repeating: DeviceTimeline(), count: instance.devices.count)
        placements = Array(repeating: nil, count: instance.jobs.count)
    }

    /// The time all of `job`'s input data from placed predecessors is on `device`.
    func dataReady(job: Int, device: Int) -> Double {
        var ready = 0.0
        for predecessor in instance.predecessors[job] {
            guard let placed = placements[predecessor] else { continue }
            let arrival = placed.finish + instance.communicationTime(
                instance.data(from: predecessor, to: job), from: placed.device, to: device)
            ready = max(ready, arrival)
        }
        return ready
    }

    /// The best (earliest-finish) placement of `job`; ties go to the lower device index.
    func bestPlacement(job: Int, insertion: Bool) -> ScheduledJob {
        var best = ScheduledJob(job: job, device: 0, start: .infinity, finish: .infinity)
        for device in instance.devices.indices {
            let duration = instance.processingTime(job: job, device: device)
            guard duration.isFinite else { continue }
            let start = timelines[device].earliestStart(ready: dataReady(job: job, device: device),
                                                        duration: duration, insertion: insertion)
            if start + duration < best.finish {
                best = ScheduledJob(job: job, device: device, start: start, finish: start + duration)
            }
        }
        return best
    }

    mutating func place(_ placement: ScheduledJob) {
        timelines[placement.device].occupy(start: placement.start, finish: placement.finish)
        placements[placement.job] = placement
    }

    var schedule: Schedule { Schedule(placements: placements.compactMap { $0 }) }
}
