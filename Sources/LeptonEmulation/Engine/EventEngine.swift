/// A discrete-event engine on a virtual clock (the template is swift-nio's
/// `EmbeddedEventLoop`).
///
/// Events run in order of (time, insertion sequence), so simultaneous events run in the
/// order they were scheduled and a run never depends on wall time or hashing. An event
/// scheduled while another runs records that one as its cause; scheduling in the past is
/// a programmer error. The engine keeps a record of every executed event.
public final class EventEngine {
    private struct Entry {
        let time: SimTime
        let sequence: UInt64
        let label: String
        let cause: UInt64?
        let causeTime: SimTime?
        let action: () -> Void
    }

    /// The current virtual time: the time of the running (or last run) event.
    public private(set) var now = SimTime.zero
    /// Every executed event, in execution order.
    public private(set) var records: [EventRecord] = []
    private var heap: [Entry] = []
    private var nextSequence: UInt64 = 0
    private var running: (sequence: UInt64, time: SimTime)?

    /// An empty engine at time zero.
    public init() {}

    /// Events not yet run.
    public var pendingCount: Int { heap.count }

    /// Schedules `action` at `time` (≥ ``now``) and returns its sequence number.
    @discardableResult
    public func schedule(at time: SimTime, _ label: String, _ action: @escaping () -> Void) -> UInt64 {
        precondition(time >= now, "event '\(label)' scheduled at \(time), before the current time \(now)")
        let seq = nextSequence
        nextSequence += 1
        push(Entry(time: time, sequence: seq, label: label, cause: running?.sequence, causeTime: running?.time, action: action))
        return seq
    }

    /// Schedules `action` `delay` after ``now``.
    @discardableResult
    public func schedule(after delay: SimDuration, _ label: String, _ action: @escaping () -> Void) -> UInt64 {
        schedule(at: now + delay, label, action)
    }

    /// Runs events until none is left.
    public func run() {
        while let e = pop() {
            now = e.time
            running = (e.sequence, e.time)
            records.append(EventRecord(sequence: e.sequence, time: e.time, label: e.label, cause: e.cause, causeTime: e.causeTime))
            e.action()
            running = nil
        }
    }

    private static func before(_ a: Entry, _ b: Entry) -> Bool {
        a.time != b.time ? a.time < b.time : a.sequence < b.sequence
    }

    private func push(_ e: Entry) {
        heap.append(e)
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.before(heap[i], heap[parent]) else { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    private func pop() -> Entry? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count, Self.before(heap[l], heap[m]) { m = l }
            if r < heap.count, Self.before(heap[r], heap[m]) { m = r }
            if m == i { break }
            heap.swapAt(i, m)
            i = m
        }
        return top
    }
}
