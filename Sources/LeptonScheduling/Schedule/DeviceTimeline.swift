/// The busy intervals of one device while a list scheduler builds a schedule.
struct DeviceTimeline {
    /// Busy intervals sorted by start.
    private(set) var busy: [(start: Double, finish: Double)] = []

    /// The time the device becomes free for good (finish of its last job).
    var available: Double { busy.last?.finish ?? 0 }

    /// The earliest start ≥ `ready` for a job of `duration` seconds.
    ///
    /// With `insertion`, the job may go into an idle gap between already placed jobs
    /// (HEFT's insertion policy); otherwise it starts after the last placed job.
    func earliestStart(ready: Double, duration: Double, insertion: Bool) -> Double {
        guard insertion else { return max(ready, available) }
        var candidate = ready
        for interval in busy {
            if candidate + duration <= interval.start { return candidate }
            candidate = max(candidate, interval.finish)
        }
        return candidate
    }

    /// Marks [start, finish) busy, keeping the intervals sorted.
    mutating func occupy(start: Double, finish: Double) {
        let index = busy.firstIndex { $0.start > start } ?? busy.count
        busy.insert((start, finish), at: index)
    }
}
