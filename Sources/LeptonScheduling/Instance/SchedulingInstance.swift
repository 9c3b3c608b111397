import LeptonCore

/// A scheduling problem: jobs (independent or a DAG with data on its edges), devices and the links between them.
///
/// The initialiser validates everything (names, indices, positive speeds and rates,
/// an acyclic graph, the execution-time matrix's shape, an eligible device per job) and
/// precomputes the cost tables that every scheduler reads.
public struct SchedulingInstance: Equatable, Sendable {
    /// A label for reports.
    public let name: String
    /// The devices, indexed from 0.
    public let devices: [Device]
    /// The jobs, indexed from 0.
    public let jobs: [Job]
    /// Links between device pairs; pairs without a link use the default link.
    public let links: [DeviceLink]
    /// Precedence edges with data volumes; empty for independent jobs.
    public let edges: [DataEdge]
    /// Latency of device pairs without an explicit link.
    public let defaultLatency: Seconds
    /// Rate of device pairs without an explicit link; `nil` means unlimited (only latency counts).
    public let defaultBandwidth: Bandwidth?
    /// Explicit execution times in seconds, `[job][device]`; overrides `work / speed` when present.
    public let executionTimes: [[Double]]?

    let costs: CostTable
    /// Predecessor job indices of each job.
    public let predecessors: [[Int]]
    /// Successor job indices of each job.
    public let successors: [[Int]]
    /// A topological order of the jobs (ties broken by lower index).
    public let topologicalOrder: [Int]

    /// A validated instance; throws a `SchedulingError` naming the first bad field.
    public init(name: String = "instance", devices: [Device], jobs: [Job], links: [DeviceLink] = [],
                edges: [DataEdge] = [], defaultLatency: Seconds = .zero, defaultBandwidth: Bandwidth? = nil,
                executionTimes: [[Double]]? = nil) throws(SchedulingError) {
        self.name = name
        self.devices = devices
        self.jobs = jobs
        self.links = links
        self.edges = edges
        self.defaultLatency = defaultLatency
        self.defaultBandwidth = defaultBandwidth
        self.executionTimes = executionTimes
        try Self.validate(devices: devices, jobs: jobs, links: links, edges: edges,
                          defaultLatency: defaultLatency, defaultBandwidth: defaultBandwidth,
                          executionTimes: executionTimes)
        var predecessors = Array(repeating: [Int](), count: jobs.count)
        var successors = Array(repeating: [Int](), count: jobs.count)
        for edge in edges {
            predecessors[edge.to].append(edge.from)
            successors[edge.from].append(edge.to)
        }
        self.predecessors = predecessors
        self.successors = successors
        self.topologicalOrder = try Self.topologicalOrder(jobs: jobs, edges: edges, predecessors: predecessors, successors: successors)
        self.costs = CostTable(devices: devices, jobs: jobs, links: links, edges: edges,
                               defaultLatency: defaultLatency, defaultBandwidth: defaultBandwidth,
                               executionTimes: executionTimes)
        for (index, job) in jobs.enumerated() where !costs.processing[index].contains(where: \.isFinite) {
            throw .noEligibleDevice(job: job.name, memory: job.memory,
                                    largestDeviceMemory: devices.compactMap(\.memory).max() ?? .zero)
        }
    }

    /// True when the instance has no DAG edges.
    public var isIndependent: Bool { edges.isEmpty }

    /// The seconds job `job` occupies device `device`: input transfer + execution; +∞ if it cannot run there.
    public func processingTime(job: Int, device: Int) -> Double { costs.processing[job][device] }

    /// The execution time alone (no input transfer) of `job` on `device`; +∞ if it cannot run there.
    public func executionTime(job: Int, device: Int) -> Double { costs.execution[job][device] }

    /// The seconds to move `data` from device `from` to device `to`: 0 on one device, else latency + data·8/bandwidth.
    public func communicationTime(_ data: ByteCount, from: Int, to: Int) -> Double {
        costs.communication(data, from: from, to: to)
    }

    /// The data volume on the edge from job `from` to job `to` (zero when there is no such edge).
    public func data(from: Int, to: Int) -> ByteCount {
        costs.edgeData[from][to]
    }

    /// A copy with other jobs and no edges (used by generators and studies).
    func replacingJobs(_ newJobs: [Job]) throws(SchedulingError) -> SchedulingInstance {
        try SchedulingInstance(name: name, devices: devices, jobs: newJobs, links: links, edges: [],
                               defaultLatency: defaultLatency, defaultBandwidth: defaultBandwidth)
    }
}
