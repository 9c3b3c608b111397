/// Precise readings of 003's allocation rule "lowest load first, highest priority first".
///
/// Every reading walks the tasks in decreasing priority (ties: lower task number first) and
/// differs only in how it picks the device; device ties go to the lower device number.
public enum AllocationReading: String, Hashable, Sendable, CaseIterable, Codable {
    /// Rank pairing: the k-th task (by priority) goes to the (k mod m)-th device by increasing load.
    case rankPairing
    /// Least loaded with update: each task goes to the device with the lowest current load, and
    /// that device's load then grows by its own base load L_j (load ∝ tasks held).
    case leastLoadedWithUpdate
    /// Least busy: each task goes to the device with the least accumulated execution time Σ T_j
    /// of the tasks it already holds; ties by lower load.
    case leastBusy
    /// Load as spare capacity: C·R/T grows with capacity, so read a high value as a lightly loaded
    /// device — rank pairing with devices by decreasing load value.
    case loadAsSpareCapacity

    /// The device index (0-based) of each task (0-based), for the given priorities, loads and per-device execution times.
    public func allocate(priorities: [Double], loads: [Double], executionTimes: [Double]) -> [Int] {
        precondition(loads.count == executionTimes.count && !loads.isEmpty,
                     "need one load and one execution time per device; found \(loads.count) and \(executionTimes.count)")
        let tasks = Self.order(priorities, descending: true)
        let m = loads.count
        var allocation = Array(repeating: 0, count: priorities.count)
        switch self {
        case .rankPairing, .loadAsSpareCapacity:
            let devices = Self.order(loads, descending: self == .loadAsSpareCapacity)
            for (rank, task) in tasks.enumerated() { allocation[task] = devices[rank % m] }
        case .leastLoadedWithUpdate:
            var current = loads
            for task in tasks {
                let device = current.indices.min { (current[$0], $0) < (current[$1], $1) } ?? 0
                allocation[task] = device
                current[device] += loads[device]
            }
        case .leastBusy:
            var busy = Array(repeating: 0.0, count: m)
            for task in tasks {
                let device = busy.indices.min { (busy[$0], loads[$0], $0) < (busy[$1], loads[$1], $1) } ?? 0
                allocation[task] = device
                busy[device] += executionTimes[device]
            }
        }
        return allocation
    }

    /// Indices ordered by value (ties — values within a relative 10⁻¹² — by lower index), so
    /// rounding noise such as 2/15 + 3/15 + 5/15 ≠ 5/15 + 2/15 + 3/15 does not decide an order.
    static func order(_ values: [Double], descending: Bool) -> [Int] {
        values.indices.sorted { a, b in
            let x = values[a]
            let y = values[b]
            if abs(x - y) <= 1e-12 * max(abs(x), abs(y)) { return a < b }
            return descending ? x > y : x < y
        }
    }
}
