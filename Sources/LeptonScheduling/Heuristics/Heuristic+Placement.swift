extension Heuristic {
    /// Places jobs in `order`, each on its earliest-finish device.
    static func listSchedule(_ instance: SchedulingInstance, order: [Int], insertion: Bool) -> Schedule {
        var state = ListState(instance)
        for job in order { state.place(state.bestPlacement(job: job, insertion: insertion)) }
        return state.schedule
    }

    /// Min-Min (`pickLargest == false`) or Max-Min: among ready jobs, pick by best EFT, place it.
    ///
    /// Cost: O(n²·m) EFT evaluations for n jobs on m devices.
    static func batchSchedule(_ instance: SchedulingInstance, pickLargest: Bool) -> Schedule {
        var state = ListState(instance)
        var remainingPredecessors = instance.predecessors.map(\.count)
        var ready = remainingPredecessors.indices.filter { remainingPredecessors[$0] == 0 }
        while !ready.isEmpty {
            var chosen: ScheduledJob?
            var chosenIndex = 0
            for (index, job) in ready.enumerated() {
                let candidate = state.bestPlacement(job: job, insertion: false)
                guard let current = chosen else {
                    chosen = candidate
                    chosenIndex = index
                    continue
                }
                let better = pickLargest
                    ? (candidate.finish, -candidate.job) > (current.finish, -current.job)
                    : (candidate.finish, candidate.job) < (current.finish, current.job)
                if better {
                    chosen = candidate
                    chosenIndex = index
                }
            }
            guard let placement = chosen else { break }
            state.place(placement)
            ready.remove(at: chosenIndex)
            for successor in instance.successors[placement.job] {
                remainingPredecessors[successor] -= 1
                if remainingPredecessors[successor] == 0 { ready.append(successor) }
            }
        }
        return state.schedule
    }
}
