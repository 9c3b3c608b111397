import LeptonCore

extension SchedulingInstance {
    static func validate(devices: [Device], jobs: [Job], links: [DeviceLink], edges: [DataEdge],
                         defaultLatency: Seconds, defaultBandwidth: Bandwidth?,
                         executionTimes: [[Double]]?) throws(SchedulingError) {
        guard !devices.isEmpty else {
            throw .invalidField(field: "devices", found: "an empty list", expected: "at least one device")
        }
        var deviceNames = Set<String>()
        for (index, device) in devices.enumerated() {
            guard deviceNames.insert(device.name).inserted else {
                throw .duplicateName(field: "devices[\(index)].name", name: device.name)
            }
            guard device.speed.isFinite, device.speed > 0 else {
                throw .invalidField(field: "devices[\(index)].speed", found: "\(device.speed)",
                                    expected: "a positive, finite number of operations per second")
            }
            if let memory = device.memory, memory.bytes < 0 {
                throw .invalidField(field: "devices[\(index)].memory", found: "\(memory.bytes)",
                                    expected: "a non-negative number of bytes")
            }
        }
        var jobNames = Set<String>()
        for (index, job) in jobs.enumerated() {
            guard jobNames.insert(job.name).inserted else {
                throw .duplicateName(field: "jobs[\(index)].name", name: job.name)
            }
            guard job.work.isFinite, job.work >= 0 else {
                throw .invalidField(field: "jobs[\(index)].work", found: "\(job.work)",
                                    expected: "a non-negative, finite number of operations")
            }
            guard job.weight.isFinite, job.weight >= 0 else {
                throw .invalidField(field: "jobs[\(index)].weight", found: "\(job.weight)",
                                    expected: "a non-negative, finite weight")
            }
            guard job.memory.bytes >= 0 else {
                throw .invalidField(field: "jobs[\(index)].memory", found: "\(job.memory.bytes)",
                                    expected: "a non-negative number of bytes")
            }
            guard job.input.bytes >= 0 else {
                throw .invalidField(field: "jobs[\(index)].input", found: "\(job.input.bytes)",
                                    expected: "a non-negative number of bytes")
            }
            if let origin = job.origin, !devices.indices.contains(origin) {
                throw .invalidField(field: "jobs[\(index)].origin", found: "\(origin)",
                                    expected: "a device index in 0..<\(devices.count)")
            }
        }
        for (index, link) in links.enumerated() {
            for (name, end) in [("from", link.from), ("to", link.to)] where !devices.indices.contains(end) {
                throw .invalidField(field: "links[\(index)].\(name)", found: "\(end)",
                                    expected: "a device index in 0..<\(devices.count)")
            }
            guard link.from != link.to else {
                throw .invalidField(field: "links[\(index)].to", found: "\(link.to) (same as from)",
                                    expected: "a different device than `from`; a device needs no link to itself")
            }
            try checkRate(link.bandwidth, field: "links[\(index)].bandwidth")
            try checkLatency(link.latency, field: "links[\(index)].latency")
        }
        try checkLatency(defaultLatency, field: "defaultLink.latency")
        if let defaultBandwidth { try checkRate(defaultBandwidth, field: "defaultLink.bandwidth") }
        var seenEdges = Set<[Int]>()
        for (index, edge) in edges.enumerated() {
            for (name, end) in [("from", edge.from), ("to", edge.to)] where !jobs.indices.contains(end) {
                throw .invalidField(field: "edges[\(index)].\(name)", found: "\(end)",
                                    expected: "a job index in 0..<\(jobs.count)")
            }
            guard edge.data.bytes >= 0 else {
                throw .invalidField(field: "edges[\(index)].data", found: "\(edge.data.bytes)",
                                    expected: "a non-negative number of bytes")
            }
            guard seenEdges.insert([edge.from, edge.to]).inserted else {
                throw .invalidField(field: "edges[\(index)]", found: "a second edge \(edge.from) → \(edge.to)",
                                    expected: "at most one edge per job pair")
            }
        }
        if let executionTimes {
            guard executionTimes.count == jobs.count else {
                throw .invalidField(field: "executionTimes", found: "\(executionTimes.count) rows",
                                    expected: "one row per job (\(jobs.count))")
            }
            for (row, times) in executionTimes.enumerated() {
                guard times.count == devices.count else {
                    throw .invalidField(field: "executionTimes[\(row)]", found: "\(times.count) entries",
                                        expected: "one entry per device (\(devices.count))")
                }
                for (column, time) in times.enumerated() where !(time >= 0) || time.isNaN {
                    throw .invalidField(field: "executionTimes[\(row)][\(column)]", found: "\(time)",
                                        expected: "a non-negative number of seconds (+∞ not allowed; use memory to forbid a device)")
                }
            }
        }
    }

    private static func checkRate(_ rate: Bandwidth, field: String) throws(SchedulingError) {
        guard rate.bitsPerSecond.isFinite, rate.bitsPerSecond > 0 else {
            throw .invalidField(field: field, found: "\(rate.bitsPerSecond)",
                                expected: "a positive, finite number of bits per second")
        }
    }

    private static func checkLatency(_ latency: Seconds, field: String) throws(SchedulingError) {
        guard latency.value.isFinite, latency.value >= 0 else {
            throw .invalidField(field: field, found: "\(latency.value)",
                                expected: "a non-negative, finite number of seconds")
        }
    }

    static func topologicalOrder(jobs: [Job], edges: [DataEdge], predecessors: [[Int]],
                                 successors: [[Int]]) throws(SchedulingError) -> [Int] {
        var remaining = predecessors.map(\.count)
        var ready = remaining.indices.filter { remaining[$0] == 0 }
        var order: [Int] = []
        order.reserveCapacity(jobs.count)
        while !ready.isEmpty {
            ready.sort(by: >)
            guard let next = ready.popLast() else { break }
            order.append(next)
            for successor in successors[next] {
                remaining[successor] -= 1
                if remaining[successor] == 0 { ready.append(successor) }
            }
        }
        guard order.count == jobs.count else {
            let cycle = shortestCycle(blocked: remaining.map { $0 > 0 }, edges: edges)
            throw .cyclicDependencies(jobs: cycle.jobs.map { jobs[$0].name }, edges: cycle.edges)
        }
        return order
    }

    /// The shortest cycle among the jobs that the topological sort could not order (every
    /// cycle lies among them): a breadth-first search from each blocked job back to itself,
    /// the shortest kept (ties: the lowest start job). Returns the jobs with the start
    /// repeated at the end, and the index of each edge along the cycle.
    static func shortestCycle(blocked: [Bool], edges: [DataEdge]) -> (jobs: [Int], edges: [Int]) {
        var outgoing = [[Int]](repeating: [], count: blocked.count)
        for (index, edge) in edges.enumerated() where blocked[edge.from] && blocked[edge.to] {
            outgoing[edge.from].append(index)
        }
        var best: [Int]?
        for start in blocked.indices where blocked[start] {
            // via[v] = the edge that first reached v; BFS layers give the shortest return to start.
            var via = [Int?](repeating: nil, count: blocked.count)
            var queue = [start]
            var head = 0
            var closing: Int?
            search: while head < queue.count {
                let current = queue[head]
                head += 1
                for edgeIndex in outgoing[current] {
                    let next = edges[edgeIndex].to
                    if next == start { closing = edgeIndex; break search }
                    if via[next] == nil, next != start {
                        via[next] = edgeIndex
                        queue.append(next)
                    }
                }
            }
            guard let closing else { continue }
            var path = [closing]
            var node = edges[closing].from
            while node != start, let edgeIndex = via[node] {
                path.append(edgeIndex)
                node = edges[edgeIndex].from
            }
            path.reverse()
            if best == nil || path.count < (best?.count ?? .max) { best = path }
            if path.count == 1 { break }
        }
        guard let cycle = best else { return ([], []) }
        return (cycle.map { edges[$0].from } + [edges[cycle[0]].from], cycle)
    }
}
