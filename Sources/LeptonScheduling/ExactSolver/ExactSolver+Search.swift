extension ExactSolver {
    /// The processing-time matrix in search order, with the precomputed bounds' ingredients.
    struct Problem {
        let n: Int
        let m: Int
        /// Job indices in branching order (decreasing shortest processing time).
        let order: [Int]
        /// p[k][j]: processing time of the k-th job in branching order on device j.
        let p: [[Double]]
        /// minimum of p[k] over devices.
        let minP: [Double]
        /// Σ_{k' ≥ k} minP[k'].
        let suffixMinSum: [Double]
        /// For each device, the first device with an identical column (itself if none).
        let twin: [Int]

        init(_ instance: SchedulingInstance) {
            let n = instance.jobs.count
            let m = instance.devices.count
            self.n = n
            self.m = m
            let rows = (0..<n).map { job in (0..<m).map { instance.processingTime(job: job, device: $0) } }
            let shortest = rows.map { $0.min() ?? 0 }
            order = (0..<n).sorted { (-shortest[$0], $0) < (-shortest[$1], $1) }
            p = order.map { rows[$0] }
            minP = order.map { shortest[$0] }
            var suffix = Array(repeating: 0.0, count: n + 1)
            for k in stride(from: n - 1, through: 0, by: -1) { suffix[k] = suffix[k + 1] + minP[k] }
            suffixMinSum = suffix
            twin = (0..<m).map { j in (0..<j).first { other in rows.allSatisfy { $0[other] == $0[j] } } ?? j }
        }
    }

    /// The depth-first search state.
    struct Search {
        let problem: Problem
        let nodeLimit: Int
        /// When the search gives up (checked every 1,024 nodes); nil for no time limit.
        let deadline: ContinuousClock.Instant?
        /// Weights in branching order for the sum objectives; nil for makespan.
        let weights: [Double]?
        var incumbent: Double
        /// Best assignment, indexed by job (instance order).
        var bestAssignment: [Int]
        var current: [Int]
        var loads: [Double]
        /// Per device, the branching positions of its jobs (sum objectives).
        var members: [[Int]]
        var nodes = 0
        var aborted = false

        init(problem: Problem, nodeLimit: Int, deadline: ContinuousClock.Instant?, incumbent: Double, assignment: [Int], weights: [Double]?) {
            self.problem = problem
            self.nodeLimit = nodeLimit
            self.deadline = deadline
            self.weights = weights.map { w in problem.order.map { w[$0] } }
            self.incumbent = incumbent
            bestAssignment = assignment
            current = Array(repeating: 0, count: problem.n)
            loads = Array(repeating: 0, count: problem.m)
            members = Array(repeating: [], count: problem.m)
        }

        private mutating func record() {
            var assignment = Array(repeating: 0, count: problem.n)
            for k in 0..<problem.n { assignment[problem.order[k]] = current[k] }
            bestAssignment = assignment
        }

        /// Whether device `j` may be skipped because an identical earlier device is in the same state.
        private func isSymmetric(_ j: Int) -> Bool {
            let twin = problem.twin[j]
            guard twin != j else { return false }
            for other in twin..<j where problem.twin[other] == twin {
                // Makespan depends on a device's load only; the sum objectives on its whole job set,
                // so there only two empty twins are interchangeable.
                if weights == nil ? loads[other] == loads[j] : (members[other].isEmpty && members[j].isEmpty) {
                    return true
                }
            }
            return false
        }

        mutating func makespanBranch(depth k: Int) {
            nodes += 1
            if nodes > nodeLimit || (nodes & 1023 == 0 && deadline.map { ContinuousClock.now >= $0 } == true) { aborted = true; return }
            let maxLoad = loads.max() ?? 0
            if k == problem.n {
                if maxLoad < incumbent {
                    incumbent = maxLoad
                    record()
                }
                return
            }
            var bound = max(maxLoad, (loads.reduce(0, +) + problem.suffixMinSum[k]) / Double(problem.m))
            for r in k..<problem.n {
                var best = Double.infinity
                for j in 0..<problem.m { best = min(best, loads[j] + problem.p[r][j]) }
                bound = max(bound, best)
                if bound >= incumbent { return }
            }
            if bound >= incumbent { return }
            let choices = (0..<problem.m).sorted { (loads[$0] + problem.p[k][$0], $0) < (loads[$1] + problem.p[k][$1], $1) }
            for j in choices {
                let finish = loads[j] + problem.p[k][j]
                guard finish < incumbent, !isSymmetric(j) else { continue }
                let saved = loads[j]
                loads[j] = finish
                members[j].append(k)
                current[k] = j
                makespanBranch(depth: k + 1)
                members[j].removeLast()
                loads[j] = saved
                if aborted { return }
            }
        }

        /// Δ: the cost of adding branching job `k` to device `j` under Smith order.
        private func marginal(_ k: Int, _ j: Int, weights w: [Double]) -> Double {
            let pk = problem.p[k][j]
            guard pk.isFinite else { return .infinity }
            var before = 0.0
            var after = 0.0
            for other in members[j] {
                let po = problem.p[other][j]
                // `other` precedes k in Smith order when p_o/w_o < p_k/w_k (ties by branching position).
                let left = po * w[k]
                let right = pk * w[other]
                if left < right || (left == right && other < k) { before += po } else { after += w[other] }
            }
            return w[k] * (before + pk) + pk * after
        }

        mutating func sumBranch(depth k: Int, cost: Double) {
            nodes += 1
            if nodes > nodeLimit || (nodes & 1023 == 0 && deadline.map { ContinuousClock.now >= $0 } == true) { aborted = true; return }
            guard let w = weights else { return }
            if k == problem.n {
                if cost < incumbent {
                    incumbent = cost
                    record()
                }
                return
            }
            var bound = cost
            for r in k..<problem.n {
                var best = Double.infinity
                for j in 0..<problem.m { best = min(best, marginal(r, j, weights: w)) }
                bound += best
                if bound >= incumbent { return }
            }
            let deltas = (0..<problem.m).map { marginal(k, $0, weights: w) }
            let choices = (0..<problem.m).sorted { (deltas[$0], $0) < (deltas[$1], $1) }
            for j in choices {
                guard cost + deltas[j] < incumbent, !isSymmetric(j) else { continue }
                let saved = loads[j]
                loads[j] += problem.p[k][j]
                members[j].append(k)
                current[k] = j
                sumBranch(depth: k + 1, cost: cost + deltas[j])
                members[j].removeLast()
                loads[j] = saved
                if aborted { return }
            }
        }
    }
}
