import LeptonCore

/// Seeded random instances: edge/cloud systems, unrelated-machine cost matrices and DAGs.
///
/// Every draw comes from `SeededGenerator` stream `scheduling-instances` of the seed, so the
/// same seed and arguments give the same instance on every machine.
public struct InstanceGenerator: Sendable {
    private var rng: SeededGenerator

    /// A generator whose instances are fixed by `seed`.
    public init(seed: UInt64) { rng = SeededGenerator(seed: seed, stream: "scheduling-instances") }

    /// An edge/cloud system with independent jobs.
    ///
    /// Devices: ⌈m/4⌉ cloud devices (speed 4–10·10⁹ op/s, unlimited memory), the rest edge
    /// (0.5–2·10⁹ op/s, 256–1024 MiB). Links: edge–cloud 5–50 ms and 10–100 Mbit/s, edge–edge
    /// 1–5 ms and 100–1000 Mbit/s, cloud–cloud 0.5 ms and 10 Gbit/s. Jobs: 10⁸–10¹⁰ operations,
    /// integer weight 1–5, memory 0–768 MiB, input 0–4 MiB held by a random edge device.
    public mutating func edgeCloud(jobs n: Int, devices m: Int) throws(SchedulingError) -> SchedulingInstance {
        let devices = try makeDevices(m)
        let edgeIndices = devices.indices.filter { devices[$0].kind == .edge }
        var jobs: [Job] = []
        for index in 0..<n {
            let origin = edgeIndices.isEmpty ? nil : edgeIndices[integer(in: 0...(edgeIndices.count - 1))]
            jobs.append(Job(name: "job\(index)", work: uniform(1e8, 1e10), weight: Double(integer(in: 1...5)),
                            memory: .mebibytes(Double(integer(in: 0...768))),
                            input: .kibibytes(Double(integer(in: 0...4096))), origin: origin))
        }
        return try SchedulingInstance(name: "edge-cloud-\(n)x\(m)", devices: devices, jobs: jobs,
                                      links: makeLinks(devices))
    }

    /// Independent jobs on unrelated machines with integer execution times drawn from 1…maxCost
    /// (an explicit `executionTimes` matrix), weights 1–5; the classic R||C_max test bed.
    public mutating func unrelated(jobs n: Int, devices m: Int, maxCost: Int = 20) throws(SchedulingError) -> SchedulingInstance {
        guard maxCost >= 1 else {
            throw .invalidParameter(name: "maxCost", found: "\(maxCost)", expected: "an integer ≥ 1")
        }
        let devices = (0..<m).map { Device(name: "p\($0)", kind: .edge, speed: 1) }
        var jobs: [Job] = []
        for index in 0..<n {
            jobs.append(Job(name: "t\(index)", work: 0, weight: Double(integer(in: 1...5))))
        }
        let matrix = (0..<n).map { _ in (0..<m).map { _ in Double(integer(in: 1...maxCost)) } }
        return try SchedulingInstance(name: "unrelated-\(n)x\(m)", devices: devices, jobs: jobs,
                                      executionTimes: matrix)
    }

    /// A random DAG on an edge/cloud system: job i → j (i < j) with probability `edgeProbability`,
    /// each edge carrying 10 KiB–2 MiB; jobs as in `edgeCloud` but without input transfers.
    public mutating func dag(jobs n: Int, devices m: Int, edgeProbability: Double = 0.2) throws(SchedulingError) -> SchedulingInstance {
        guard (0...1).contains(edgeProbability) else {
            throw .invalidParameter(name: "edgeProbability", found: "\(edgeProbability)", expected: "a probability in 0…1")
        }
        let devices = try makeDevices(m)
        var jobs: [Job] = []
        for index in 0..<n {
            jobs.append(Job(name: "job\(index)", work: uniform(1e8, 1e10), weight: Double(integer(in: 1...5))))
        }
        var edges: [DataEdge] = []
        for from in 0..<n {
            for to in (from + 1)..<max(from + 1, n) where rng.nextUnitDouble() < edgeProbability {
                edges.append(DataEdge(from: from, to: to, data: .kibibytes(Double(integer(in: 10...2048)))))
            }
        }
        return try SchedulingInstance(name: "dag-\(n)x\(m)", devices: devices, jobs: jobs,
                                      links: makeLinks(devices), edges: edges)
    }

    /// An integer uniform in `range`.
    private mutating func integer(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + rng.index(below: range.count)
    }

    /// A double uniform in [lower, upper).
    private mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * rng.nextUnitDouble()
    }

    private mutating func makeDevices(_ m: Int) throws(SchedulingError) -> [Device] {
        guard m >= 1 else {
            throw .invalidParameter(name: "devices", found: "\(m)", expected: "at least 1 device")
        }
        let cloudCount = (m + 3) / 4
        return (0..<m).map { index in
            index < m - cloudCount
                ? Device(name: "edge\(index)", kind: .edge, speed: uniform(0.5e9, 2e9),
                         memory: .mebibytes(Double(integer(in: 256...1024))))
                : Device(name: "cloud\(index - (m - cloudCount))", kind: .cloud, speed: uniform(4e9, 10e9))
        }
    }

    private mutating func makeLinks(_ devices: [Device]) -> [DeviceLink] {
        var links: [DeviceLink] = []
        for a in devices.indices {
            for b in (a + 1)..<max(a + 1, devices.count) {
                let latency: Seconds
                let bandwidth: Bandwidth
                switch (devices[a].kind, devices[b].kind) {
                case (.edge, .edge):
                    latency = .milliseconds(uniform(1, 5))
                    bandwidth = .megabitsPerSecond(uniform(100, 1000))
                case (.cloud, .cloud):
                    latency = .milliseconds(0.5)
                    bandwidth = .gigabitsPerSecond(10)
                default:
                    latency = .milliseconds(uniform(5, 50))
                    bandwidth = .megabitsPerSecond(uniform(10, 100))
                }
                links.append(DeviceLink(from: a, to: b, latency: latency, bandwidth: bandwidth))
            }
        }
        return links
    }
}
