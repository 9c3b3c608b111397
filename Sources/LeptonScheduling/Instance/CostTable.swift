import LeptonCore

/// Precomputed costs of an instance: execution and processing times per (job, device) and link parameters per device pair.
struct CostTable: Equatable, Sendable {
    /// Execution seconds `[job][device]`, +∞ where the job does not fit.
    let execution: [[Double]]
    /// Input transfer + execution seconds `[job][device]`, +∞ where the job does not fit.
    let processing: [[Double]]
    /// One-way latency in seconds `[from][to]` (0 on the diagonal).
    let latency: [[Double]]
    /// Seconds per byte `[from][to]` (8 / bandwidth; 0 when unlimited or on the diagonal).
    let secondsPerByte: [[Double]]
    /// Edge data `[from job][to job]` (zero when there is no edge).
    let edgeData: [[ByteCount]]

    init(devices: [Device], jobs: [Job], links: [DeviceLink], edges: [DataEdge], defaultLatency: Seconds,
         defaultBandwidth: Bandwidth?, executionTimes: [[Double]]?) {
        let m = devices.count
        let defaultPerByte = defaultBandwidth.map { 8 / $0.bitsPerSecond } ?? 0
        var latency = Array(repeating: Array(repeating: defaultLatency.value, count: m), count: m)
        var perByte = Array(repeating: Array(repeating: defaultPerByte, count: m), count: m)
        for link in links {
            for (a, b) in [(link.from, link.to), (link.to, link.from)] {
                latency[a][b] = link.latency.value
                perByte[a][b] = 8 / link.bandwidth.bitsPerSecond
            }
        }
        for d in 0..<m {
            latency[d][d] = 0
            perByte[d][d] = 0
        }
        self.latency = latency
        self.secondsPerByte = perByte
        var execution: [[Double]] = []
        var processing: [[Double]] = []
        for (i, job) in jobs.enumerated() {
            var executionRow: [Double] = []
            var processingRow: [Double] = []
            for (j, device) in devices.enumerated() {
                let fits = device.memory.map { job.memory <= $0 } ?? true
                let run = fits ? (executionTimes?[i][j] ?? job.work / device.speed) : Double.infinity
                executionRow.append(run)
                let input = job.origin.map { origin in
                    origin == j ? 0 : latency[origin][j] + Double(job.input.bytes) * perByte[origin][j]
                } ?? 0
                processingRow.append(run + input)
            }
            execution.append(executionRow)
            processing.append(processingRow)
        }
        self.execution = execution
        self.processing = processing
        var edgeData = Array(repeating: Array(repeating: ByteCount.zero, count: jobs.count), count: jobs.count)
        for edge in edges { edgeData[edge.from][edge.to] = edge.data }
        self.edgeData = edgeData
    }

    /// Seconds to move `data` between two devices: 0 on one device, else latency + bytes·(8 / bandwidth).
    func communication(_ data: ByteCount, from: Int, to: Int) -> Double {
        from == to ? 0 : latency[from][to] + Double(data.bytes) * secondsPerByte[from][to]
    }
}
