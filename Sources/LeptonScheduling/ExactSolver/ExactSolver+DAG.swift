extension ExactSolver {
    /// The optimal schedule of a job DAG with communication delays (or of independent jobs),
    /// by branch and bound over list schedules.
    ///
    /// **Model.** A job runs on one device for its processing time p_ij, devices run one job
    /// at a time, and a job starts no earlier than every predecessor's finish plus the link
    /// time of their data (0 on the same device); links carry any number of transfers at once
    /// (the model of HEFT and of `Schedule.violations`).
    ///
    /// **Search.** A node is a sequence of (job, device) choices; each chosen job is appended
    /// to its device at `start = max(device free, data ready)`. Only sequences whose starts
    /// never decrease are explored. This loses no optimum: take an optimal schedule S, list
    /// its jobs by (start, topological position) and append them in that order: every job
    /// starts no later than in S (its device's previous job and its predecessors come earlier
    /// and finish no later, by induction). Repeating this reaches a schedule that the list
    /// reproduces exactly, whose starts are non-decreasing and whose objective (makespan or
    /// Σ wC, both non-decreasing in every finish time) is no worse than S's.
    ///
    /// **Bounds.** Every unscheduled job i can start on device j no earlier than
    /// `est_ij = max(free_j, last start, finish_k + c_kj for scheduled predecessors k, lbFinish_k
    /// for unscheduled ones)` (appending never starts before the device is free, and starts do
    /// not decrease); `lbFinish_i = min_j (est_ij + p_ij)`. Makespan:
    /// `LB = max(max finish so far, max_i (lbFinish_i + tail_i), (Σ_j max(free_j, last start) + Σ_i min_j p_ij) / m)`
    /// where `tail_i` is the shortest chain of processing times after i. Σ wC:
    /// `LB = Σ_placed w_i C_i + Σ_unplaced w_i lbFinish_i`. A node is cut when LB ≥ incumbent;
    /// the incumbent starts as the best of the four heuristics.
    ///
    /// Limits (release build, this machine): see docs/SCHEDULING.md; `nodeLimit` or the
    /// deadline stops the search with `provenOptimal == false` and the root lower bound.
    public func solveDAG(_ instance: SchedulingInstance, objective: Objective) -> ExactSolution {
        solveDAG(instance, objective: objective,
                 deadline: timeLimit.map { ContinuousClock.now.advanced(by: .nanoseconds(Int64(max(0, $0.value) * 1e9))) })
    }

    func solveDAG(_ instance: SchedulingInstance, objective: Objective, deadline: ContinuousClock.Instant?) -> ExactSolution {
        let clock = ContinuousClock()
        let started = clock.now
        let heuristics = Heuristic.allCases.map { $0.schedule(instance) }
        let values = heuristics.map { objective.value(of: $0, in: instance) }
        var bestIndex = 0
        for index in values.indices where values[index] < values[bestIndex] { bestIndex = index }
        var search = DAGSearch(instance: instance, objective: objective, nodeLimit: nodeLimit, deadline: deadline,
                               incumbent: values[bestIndex], schedule: heuristics[bestIndex])
        let rootBound = search.lowerBound() / (objective == .meanLatency ? Double(max(instance.jobs.count, 1)) : 1)
        search.branch(depth: 0)
        return ExactSolution(objective: objective, schedule: search.best, value: objective.value(of: search.best, in: instance),
                             provenOptimal: !search.aborted, nodes: search.nodes, initialUpperBound: values[bestIndex],
                             elapsed: Seconds(started.duration(to: clock.now)), lowerBound: rootBound)
    }
}

/// The state of the list-schedule branch and bound (see `ExactSolver.solveDAG`).
struct DAGSearch {
    let n: Int
    let m: Int
    let p: [[Double]]
    let minP: [Double]
    let tail: [Double]
    let weights: [Double]
    let isMakespan: Bool
    let instance: SchedulingInstance
    let predecessors: [[Int]]
    let topologicalPosition: [Int]
    let nodeLimit: Int
    let deadline: ContinuousClock.Instant?
    let epsilon: Double

    var incumbent: Double
    var best: Schedule
    var nodes = 0
    var aborted = false

    var device: [Int]
    var start: [Double]
    var finish: [Double]
    var placed: [Bool]
    var free: [Double]
    var remainingPredecessors: [Int]
    var lastStart = 0.0
    var cost = 0.0
    var maxFinish = 0.0

    init(instance: SchedulingInstance, objective: Objective, nodeLimit: Int, deadline: ContinuousClock.Instant?,
         incumbent: Double, schedule: Schedule) {
        self.deadline = deadline
        self.instance = instance
        n = instance.jobs.count
        m = instance.devices.count
        let jobs = instance.jobs.count, devices = instance.devices.count
        let times = (0..<jobs).map { i in (0..<devices).map { instance.processingTime(job: i, device: $0) } }
        p = times
        let shortest = times.map { $0.min() ?? .infinity }
        minP = shortest
        predecessors = instance.predecessors
        var position = [Int](repeating: 0, count: jobs)
        for (k, job) in instance.topologicalOrder.enumerated() { position[job] = k }
        topologicalPosition = position
        var tail = [Double](repeating: 0, count: jobs)
        for job in instance.topologicalOrder.reversed() {
            var longest = 0.0
            for s in instance.successors[job] { longest = max(longest, shortest[s] + tail[s]) }
            tail[job] = longest
        }
        self.tail = tail
        isMakespan = objective == .makespan
        weights = objective == .weightedCompletionTime ? instance.jobs.map(\.weight) : [Double](repeating: 1, count: jobs)
        // Mean latency is Σ C / n: search Σ C and compare against incumbent · n.
        self.incumbent = objective == .meanLatency ? incumbent * Double(jobs) : incumbent
        best = schedule
        self.nodeLimit = nodeLimit
        let scale = times.flatMap { $0 }.filter(\.isFinite).reduce(0, +) + 1
        epsilon = 1e-9 * scale
        device = [Int](repeating: -1, count: jobs)
        start = [Double](repeating: 0, count: jobs)
        finish = [Double](repeating: 0, count: jobs)
        placed = [Bool](repeating: false, count: jobs)
        free = [Double](repeating: 0, count: devices)
        remainingPredecessors = instance.predecessors.map(\.count)
    }

    /// When job i's data is all on device j (every predecessor placed).
    func dataReady(_ i: Int, on j: Int) -> Double {
        var ready = 0.0
        for k in predecessors[i] {
            ready = max(ready, finish[k] + instance.communicationTime(instance.data(from: k, to: i), from: device[k], to: j))
        }
        return ready
    }

    /// The lower bound of the node (see `ExactSolver.solveDAG`).
    func lowerBound() -> Double {
        var lbFinish = [Double](repeating: 0, count: n)
        var bound = isMakespan ? maxFinish : cost
        for i in instance.topologicalOrder where !placed[i] {
            var best = Double.infinity
            for j in 0..<m where p[i][j].isFinite {
                var est = max(free[j], lastStart)
                for k in predecessors[i] {
                    est = max(est, placed[k]
                        ? finish[k] + instance.communicationTime(instance.data(from: k, to: i), from: device[k], to: j)
                        : lbFinish[k])
                }
                best = min(best, est + p[i][j])
            }
            lbFinish[i] = best
            bound = isMakespan ? max(bound, best + tail[i]) : bound + weights[i] * best
        }
        if isMakespan {
            var total = 0.0
            for j in 0..<m { total += max(free[j], lastStart) }
            for i in 0..<n where !placed[i] { total += minP[i] }
            bound = max(bound, total / Double(m))
        }
        return bound
    }

    mutating func branch(depth: Int) {
        if depth == n {
            let value = isMakespan ? maxFinish : cost
            if value < incumbent - epsilon {
                incumbent = value
                best = Schedule(placements: (0..<n).map { ScheduledJob(job: $0, device: device[$0], start: start[$0], finish: finish[$0]) })
            }
            return
        }
        nodes += 1
        if nodes > nodeLimit || (nodes & 1023 == 0 && deadline.map { ContinuousClock.now >= $0 } == true) { aborted = true }
        if aborted || lowerBound() >= incumbent - epsilon { return }
        var children: [(finish: Double, job: Int, device: Int, start: Double)] = []
        for i in 0..<n where !placed[i] && remainingPredecessors[i] == 0 {
            for j in 0..<m where p[i][j].isFinite {
                let s = max(free[j], dataReady(i, on: j))
                if s < lastStart - epsilon { continue }  // starts never decrease
                children.append((s + p[i][j], i, j, s))
            }
        }
        children.sort { ($0.finish, topologicalPosition[$0.job], $0.device) < ($1.finish, topologicalPosition[$1.job], $1.device) }
        for child in children {
            let (i, j, s, f) = (child.job, child.device, child.start, child.finish)
            let saved = (free[j], lastStart, cost, maxFinish)
            device[i] = j; start[i] = s; finish[i] = f; placed[i] = true
            free[j] = f; lastStart = max(lastStart, s); cost += weights[i] * f; maxFinish = max(maxFinish, f)
            for succ in instance.successors[i] { remainingPredecessors[succ] -= 1 }
            branch(depth: depth + 1)
            for succ in instance.successors[i] { remainingPredecessors[succ] += 1 }
            placed[i] = false; device[i] = -1
            (free[j], lastStart, cost, maxFinish) = saved
            if aborted { return }
        }
    }
}
