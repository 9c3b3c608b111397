import Dispatch
import LeptonCore
import LeptonNN
import LeptonTensor

/// The state of one ``Emulator`` run: tiers, link directions, requests and the engine.
final class EmulationRun {
    let topology: Topology
    let clock: Clock
    let seed: UInt64
    let scenario: SplitInference
    let edgeModel: Sequential
    let cloudModel: Sequential
    let layerCount: Int
    let rawShape: [Int]
    let samples: Samples
    let engine = EventEngine()
    var records: [RequestRecord] = []
    var tiers: [String: TierState] = [:]
    var channels: [String: Channel] = [:]
    var costModels: [String: SplitCostModel] = [:]
    var staticSplit: [String: Int] = [:]
    var inFlight: [Int: [UInt8]] = [:]

    init(topology: Topology, clock: Clock, seed: UInt64, scenario: SplitInference, samples: Samples) throws(EmulationError) {
        self.topology = topology
        self.clock = clock
        self.seed = seed
        self.scenario = scenario
        self.samples = samples
        cloudModel = scenario.model
        edgeModel = scenario.edgeModel ?? scenario.model
        layerCount = cloudModel.layers.count
        rawShape = samples.sampleShape
        guard cloudModel.isBuilt, edgeModel.isBuilt else {
            throw .incompatible(what: scenario.label, expected: "a built model", found: "an unbuilt model", hint: "call build(inputShape:seed:) first")
        }
        guard edgeModel.layers.count == layerCount, edgeModel.inputShape == cloudModel.inputShape,
              edgeModel.layerOutputShapes == cloudModel.layerOutputShapes else {
            throw .incompatible(what: "the edge model of \(scenario.label)",
                                expected: "\(layerCount) layers with output shapes \(cloudModel.layerOutputShapes)",
                                found: "\(edgeModel.layers.count) layers with \(edgeModel.layerOutputShapes)",
                                hint: "derive the edge model from the same model (e.g. Quantization.quantize(model))")
        }
        guard samples.count > 0 else {
            throw .incompatible(what: "samples '\(samples.source)'", expected: "at least one sample", found: "none", hint: "give test samples")
        }
        if let pre = scenario.preprocessing { try pre.validate(input: rawShape) }
        let modelInput = scenario.preprocessing?.outputShape(rawShape) ?? rawShape
        guard modelInput == cloudModel.inputShape else {
            throw .incompatible(what: "samples '\(samples.source)'" + (scenario.preprocessing == nil ? "" : " after preprocessing"),
                                expected: "per-sample shape \(cloudModel.inputShape)", found: "\(modelInput)",
                                hint: "preprocess (e.g. .resize) or use a model built for this input")
        }
        for t in topology.tiers { tiers[t.name] = TierState(t) }
        for link in topology.links {
            channels["\(link.from)>\(link.to)"] = Channel(link: link, from: link.from, to: link.to, seed: seed)
            channels["\(link.to)>\(link.from)"] = Channel(link: link, from: link.to, to: link.from, seed: seed)
        }
    }

    // MARK: Set-up per edge tier

    func prepare(edge: Tier) throws(EmulationError) {
        guard let route = topology.route(from: edge.name) else {
            throw .noRoute(edge: edge.name, clouds: topology.clouds.map(\.name))
        }
        let cloud = route.cloud, link = route.link
        let n = layerCount
        func placeBoth(_ k: Int) throws(EmulationError) {
            try edge.place(edgeModel, layers: 0..<k, label: scenario.label)
            try cloud.place(cloudModel, layers: k..<n, label: scenario.label)
        }
        switch scenario.policy {
        case .edgeOnly: try placeBoth(n); staticSplit[edge.name] = n
        case .cloudOnly: try placeBoth(0); staticSplit[edge.name] = 0
        case let .fixed(k):
            guard (0...n).contains(k) else { throw .invalidSplit(split: k, layers: n) }
            try placeBoth(k)
            staticSplit[edge.name] = k
        case .bestSplit, .adaptive:
            guard let latency = scenario.latencyModel else {
                throw .incompatible(what: "policy \(scenario.policy.name)", expected: "a latency model", found: "none",
                                    hint: "pass latencyModel: LatencyModel.profile([model], clock: …)")
            }
            let cost = costModel(edge: edge, cloud: cloud, link: link, latency: latency)
            costModels[edge.name] = cost
            guard let best = cost.bestSplit() else {
                var reason = "every cut is too large"
                do { try placeBoth(n) } catch { reason = error.description }
                throw .noFeasibleSplit(edge: edge.name, cloud: cloud.name, reason: reason)
            }
            staticSplit[edge.name] = best
        }
    }

    func costModel(edge: Tier, cloud: Tier, link: Link, latency: LatencyModel) -> SplitCostModel {
        let reference = sampleTensor(0)
        return withThreads(edge) {
            SplitCostModel.make(edgeModel: edgeModel, cloudModel: cloudModel, preprocessing: scenario.preprocessing,
                                encoding: scenario.encoding, reference: reference, edge: edge, cloud: cloud, link: link,
                                latency: latency, resultBytes: scenario.resultBytes)
        }
    }

    // MARK: Running

    func execute(_ workload: Workload) throws(EmulationError) -> EmulationReport {
        let arrivals = try workload.arrivals(edges: topology.edges.map(\.name), seed: seed)
        var prepared = Set<String>()
        for a in arrivals {
            guard let e = a.edge, !prepared.contains(e) else { continue }
            try prepare(edge: try topology.tier(e))
            prepared.insert(e)
        }
        let labels = samples.labels
        for (i, a) in arrivals.enumerated() {
            guard let edge = a.edge, let route = topology.route(from: edge) else { continue }
            var r = RequestRecord(id: i, edge: edge, cloud: route.cloud.name, arrival: a.time, sample: i % samples.count)
            r.label = labels.map { Int($0[i % samples.count]) }
            records.append(r)
            engine.schedule(at: a.time, "arrive r\(i) at \(edge)") { [unowned self] in self.arrive(i) }
        }
        ComputeThreads.withFlushedDenormals { engine.run() }
        return report()
    }

    private func arrive(_ id: Int) {
        let edge = records[id].edge
        guard let state = tiers[edge] else { return }
        let k = decideSplit(id)
        records[id].split = k
        if k == 0, scenario.preprocessing?.steps.isEmpty ?? true {
            // Nothing to compute: the raw input is packed on the device's I/O path at once,
            // without an edge compute slot.
            let d = edgeWork(id)
            engine.schedule(after: d, "edge packed r\(id)") { [unowned self] in self.edgeDone(id) }
            return
        }
        let predicted = costModels[edge]?.edgeJobTime(split: k) ?? .zero
        submit(id, to: state, predicted: predicted, work: { [unowned self] in self.edgeWork(id) },
               done: { [unowned self] start, end in
                   self.records[id].edgeJob = start...end
                   self.edgeDone(id)
               })
    }

    private func decideSplit(_ id: Int) -> Int {
        let edge = records[id].edge
        guard case .adaptive = scenario.policy, let cost = costModels[edge],
              let edgeState = tiers[edge], let cloudState = tiers[records[id].cloud],
              let up = channels["\(edge)>\(records[id].cloud)"] else {
            return staticSplit[edge] ?? layerCount
        }
        let now = engine.now
        let edgeWait = edgeState.predictedWait(now: now)
        let cloudWait = cloudState.predictedWait(now: now)
        let linkWait = up.freeAt > now ? up.freeAt - now : .zero
        let bandwidth = Bandwidth(bitsPerSecond: up.bandwidthEstimate)
        var best: (k: Int, t: SimDuration)?
        for k in 0...layerCount where cost.feasible[k] {
            let t = cost.predictedLatency(split: k, edgeWait: edgeWait, linkWait: linkWait, cloudWait: cloudWait, bandwidth: bandwidth)
            if let b = best, b.t <= t { continue }
            best = (k, t)
        }
        return best?.k ?? (staticSplit[edge] ?? layerCount)
    }

    private func submit(_ id: Int, to state: TierState, predicted: SimDuration, work: @escaping () -> SimDuration,
                        done: @escaping (SimTime, SimTime) -> Void) {
        if state.isFull {
            records[id].dropReason = "queue of tier '\(state.tier.name)' full (\(state.tier.queueCapacity ?? 0) waiting)"
            return
        }
        state.queue.append(TierState.Job(request: id, enqueued: engine.now, predicted: predicted, work: work, done: done))
        state.queuedPredicted += predicted
        state.maxQueue = Swift.max(state.maxQueue, state.queueLength)
        startJobs(state)
    }

    private func startJobs(_ state: TierState) {
        while state.running < state.tier.slots, let job = state.dequeue() {
            state.queuedPredicted = state.queuedPredicted - job.predicted
            let start = engine.now
            let wait = start - job.enqueued
            if state.tier.role == .edge { records[job.request].breakdown.edgeQueue += wait } else {
                records[job.request].breakdown.cloudQueue += wait
            }
            state.running += 1
            state.jobs += 1
            state.maxRunning = Swift.max(state.maxRunning, state.running)
            let d = job.work()
            state.busy += d
            let end = start + d
            state.runningEnds.append(end)
            engine.schedule(at: end, "\(state.tier.name) done r\(job.request)") { [unowned self] in
                state.running -= 1
                if let i = state.runningEnds.firstIndex(of: end) { state.runningEnds.remove(at: i) }
                job.done(start, end)
                self.startJobs(state)
            }
        }
    }

    // MARK: Work

    func sampleTensor(_ index: Int) -> Tensor {
        let s = samples.sampleSize
        return Tensor(shape: [1] + rawShape, values: Array(samples.features[(index * s)..<((index + 1) * s)]))
    }

    private func withThreads<T>(_ tier: Tier, _ body: () -> T) -> T {
        let saved = ComputeThreads.count
        ComputeThreads.set(tier.threadsPerJob)
        defer { ComputeThreads.set(saved) }
        return body()
    }

    /// Runs `body` on `tier` and returns its result and emulated duration: measured host
    /// time scaled by the tier's speed, or `modelled` on the modelled clock.
    private func timed<T>(_ tier: Tier, modelled: @autoclosure () -> SimDuration, _ body: () -> T) -> (T, SimDuration) {
        withThreads(tier) { () -> (T, SimDuration) in
            if clock.kind == .modelled { return (body(), modelled()) }
            let t0 = DispatchTime.now().uptimeNanoseconds
            let result = body()
            let dt = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            return (result, clock.scaled(hostSeconds: dt, on: tier))
        }
    }

    private func modelledLayers(_ model: Sequential, _ range: Range<Int>, on tier: Tier) -> SimDuration {
        range.reduce(SimDuration.zero) { total, i in
            let layer = model.layers[i]
            return total + clock.modelledTime(flops: layer.forwardFLOPs, on: tier, int8: layer is QuantizedLayer)
        }
    }

    private static func predictedClass(_ out: Tensor) -> Int {
        PredictedClass.of(out.pointer, width: out.sampleSize)
    }

    private func edgeWork(_ id: Int) -> SimDuration {
        guard let tier = tiers[records[id].edge]?.tier else { return .zero }
        let k = records[id].split
        var x = sampleTensor(records[id].sample)
        if let pre = scenario.preprocessing, !pre.steps.isEmpty {
            let flops = pre.flops(rawShape)
            let (y, d) = timed(tier, modelled: self.clock.modelledTime(flops: flops, on: tier)) { pre.apply(x) }
            x = y
            records[id].breakdown.preprocess = d
        }
        let input = x
        let (out, compute) = timed(tier, modelled: self.modelledLayers(self.edgeModel, 0..<k, on: tier)) {
            self.edgeModel.forward(input, layers: 0..<k)
        }
        records[id].breakdown.edgeCompute = compute
        var total = records[id].breakdown.preprocess + compute
        if k == layerCount {
            records[id].predicted = Self.predictedClass(out)
        } else {
            let enc = scenario.encoding
            let (bytes, pack) = timed(tier, modelled: self.clock.modelledTime(flops: enc.packOperationsPerElement * out.count, on: tier)) {
                enc.encode(out)
            }
            inFlight[id] = bytes
            records[id].payload = .bytes(bytes.count)
            records[id].breakdown.pack = pack
            total += pack
        }
        return total
    }

    private func edgeDone(_ id: Int) {
        let k = records[id].split
        if k == layerCount {
            records[id].completion = engine.now
            return
        }
        let edge = records[id].edge, cloud = records[id].cloud
        guard let up = channels["\(edge)>\(cloud)"], let cloudState = tiers[cloud] else { return }
        let payload = records[id].payload
        let sent = up.send(payload, now: engine.now)
        records[id].breakdown.uplinkQueue = sent.queue
        records[id].breakdown.uplinkWire = sent.wire
        engine.schedule(at: sent.delivery, "deliver r\(id) at \(cloud)") { [unowned self] in
            up.payloadReceived += payload
            let predicted = self.costModels[edge]?.cloudJobTime(split: k) ?? .zero
            self.submit(id, to: cloudState, predicted: predicted, work: { [unowned self] in self.cloudWork(id) },
                        done: { [unowned self] start, end in
                            self.records[id].cloudJob = start...end
                            self.cloudDone(id)
                        })
        }
    }

    private func cloudWork(_ id: Int) -> SimDuration {
        guard let tier = tiers[records[id].cloud]?.tier, let bytes = inFlight.removeValue(forKey: id) else { return .zero }
        let k = records[id].split
        let enc = scenario.encoding
        let elements = cloudModel.shape(afterLayers: k).reduce(1, *)
        let (decoded, unpack) = timed(tier, modelled: self.clock.modelledTime(flops: enc.unpackOperationsPerElement * elements, on: tier)) {
            try? enc.decode(bytes)
        }
        records[id].breakdown.unpack = unpack
        guard let x = decoded else {
            records[id].dropReason = "payload of \(bytes.count) bytes did not decode as \(enc.rawValue)"
            return unpack
        }
        let (prediction, compute) = timed(tier, modelled: self.modelledLayers(self.cloudModel, k..<self.layerCount, on: tier)) {
            Self.predictedClass(self.cloudModel.forward(x, layers: k..<self.layerCount))
        }
        records[id].predicted = prediction
        records[id].breakdown.cloudCompute = compute
        return unpack + compute
    }

    private func cloudDone(_ id: Int) {
        guard records[id].dropReason == nil else { return }
        let edge = records[id].edge, cloud = records[id].cloud
        guard let down = channels["\(cloud)>\(edge)"] else { return }
        // The result really is serialised: the class index as a little-endian Int32.
        let value = Int32(records[id].predicted ?? -1)
        let result = (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        let size = ByteCount.bytes(Swift.max(scenario.resultBytes.bytes, result.count))
        let sent = down.send(size, now: engine.now)
        records[id].breakdown.downlinkQueue = sent.queue
        records[id].breakdown.downlinkWire = sent.wire
        engine.schedule(at: sent.delivery, "result r\(id) at \(edge)") { [unowned self] in
            down.payloadReceived += size
            let back = result.enumerated().reduce(Int32(0)) { $0 | Int32($1.element) << (8 * $1.offset) }
            self.records[id].predicted = Int(back)
            self.records[id].completion = self.engine.now
        }
    }

    // MARK: Report

    private func report() -> EmulationReport {
        let span = engine.now.sinceStart
        let tierUsage = topology.tiers.compactMap { t -> TierUsage? in
            guard let s = tiers[t.name] else { return nil }
            let capacity = Double(t.slots) * span.seconds
            let u = capacity > 0 ? s.busy.seconds / capacity : 0
            return TierUsage(tier: t.name, jobs: s.jobs, busy: s.busy, utilisation: u, maxConcurrentJobs: s.maxRunning,
                             maxQueueLength: s.maxQueue, leftOver: s.queueLength + s.running,
                             energy: t.power.energy(over: span, utilisation: u))
        }
        var linkUsage: [LinkUsage] = []
        for link in topology.links {
            for key in ["\(link.from)>\(link.to)", "\(link.to)>\(link.from)"] {
                guard let c = channels[key] else { continue }
                linkUsage.append(LinkUsage(link: link.name, from: c.from, to: c.to, transfers: c.transfers,
                                           payloadSent: c.payloadSent, payloadReceived: c.payloadReceived, wireBytes: c.wire,
                                           lostWireBytes: c.lost, retransmittedPackets: c.retransmitted,
                                           transmitting: c.transmitting, energy: link.transmitPower.energy(over: c.transmitting)))
            }
        }
        return EmulationReport(clock: clock, policy: scenario.policy, encoding: scenario.encoding, requests: records,
                               tiers: tierUsage, links: linkUsage, events: engine.records, span: span)
    }
}
