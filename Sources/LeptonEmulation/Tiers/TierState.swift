/// A tier during a run: a FIFO queue in front of `slots` job slots.
final class TierState {
    struct Job {
        let request: Int
        let enqueued: SimTime
        let predicted: SimDuration
        /// Runs the real work when the job starts and returns its emulated duration.
        let work: () -> SimDuration
        /// Called when the job ends, with its start and end.
        let done: (SimTime, SimTime) -> Void
    }

    let tier: Tier
    var running = 0
    var runningEnds: [SimTime] = []
    var queue: [Job] = []
    var head = 0
    var queuedPredicted = SimDuration.zero
    var busy = SimDuration.zero
    var jobs = 0
    var maxRunning = 0
    var maxQueue = 0

    init(_ tier: Tier) { self.tier = tier }

    var queueLength: Int { queue.count - head }

    /// Whether a new job would be dropped (all slots busy and the queue at capacity).
    var isFull: Bool {
        guard let cap = tier.queueCapacity else { return false }
        return running >= tier.slots && queueLength >= cap
    }

    func dequeue() -> Job? {
        guard head < queue.count else { return nil }
        let j = queue[head]
        head += 1
        if head > 64, head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        return j
    }

    /// Predicted wait for a new job: queued predicted work ÷ slots, plus the time until a
    /// slot frees when all are busy.
    func predictedWait(now: SimTime) -> SimDuration {
        var wait = SimDuration(nanoseconds: queuedPredicted.nanoseconds / Int64(tier.slots))
        if running >= tier.slots, let first = runningEnds.min(), first > now { wait += first - now }
        return wait
    }
}
