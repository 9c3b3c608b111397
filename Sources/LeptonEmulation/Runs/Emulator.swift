import LeptonNN
import LeptonTensor

/// Runs scenarios on a topology with one clock and one seed.
///
/// Compute is real (every layer runs on the host and predictions are real), the network
/// and the tiers' speeds are emulated. With the modelled clock, a run's report is
/// bit-identical across runs, host thread settings and machines.
public final class Emulator {
    /// The tiers and links.
    public let topology: Topology
    /// The clock that turns work into emulated time.
    public let clock: Clock
    /// The seed of every random draw (arrivals, jitter, loss).
    public let seed: UInt64

    /// An emulator for `topology`.
    public init(topology: Topology, clock: Clock = .modelled(), seed: UInt64 = 1) {
        self.topology = topology
        self.clock = clock
        self.seed = seed
    }

    /// Runs split inference: every request of `workload` carries a sample of `samples`
    /// (request i the sample i mod count) through preprocessing, the edge prefix, the link,
    /// the cloud suffix and back. Fails before anything runs if a model does not fit, a
    /// policy lacks its latency model, or shapes disagree.
    public func run(_ scenario: SplitInference, workload: Workload, samples: Samples) throws(EmulationError) -> EmulationReport {
        let run = try EmulationRun(topology: topology, clock: clock, seed: seed, scenario: scenario, samples: samples)
        return try run.execute(workload)
    }

    /// The cost model the best-split and adaptive policies use for `edge` (reference sample:
    /// the first of `samples`).
    public func costModel(for scenario: SplitInference, edge: String, samples: Samples,
                          latency: LatencyModel) throws(EmulationError) -> SplitCostModel {
        let run = try EmulationRun(topology: topology, clock: clock, seed: seed, scenario: scenario, samples: samples)
        let e = try topology.tier(edge)
        guard let route = topology.route(from: edge) else { throw .noRoute(edge: edge, clouds: topology.clouds.map(\.name)) }
        return run.costModel(edge: e, cloud: route.cloud, link: route.link, latency: latency)
    }

    /// Runs `scenario` once per cut k in 0…L with ``SplitPolicy/fixed(_:)`` on a light load
    /// (`requests` requests at the first edge tier, `gap` apart) and compares each cut's
    /// emulated median latency with the cost model's prediction. Cuts that do not fit are
    /// skipped.
    public func sweepSplits(_ scenario: SplitInference, samples: Samples, latency: LatencyModel, requests: Int = 20,
                            gap: SimDuration = .seconds(1)) throws(EmulationError) -> [SplitSweepPoint] {
        guard let edge = topology.edges.first?.name else { throw .missingRole(role: "edge", tiers: topology.tiers.map(\.name)) }
        let cost = try costModel(for: scenario, edge: edge, samples: samples, latency: latency)
        var points: [SplitSweepPoint] = []
        for k in 0...cost.layers where cost.feasible[k] {
            var s = scenario
            s.policy = .fixed(k)
            let report = try run(s, workload: .evenlySpaced(count: requests, gap: gap, edge: edge), samples: samples)
            points.append(SplitSweepPoint(split: k, layerName: k == 0 ? "input" : scenario.model.layers[k - 1].name,
                                          payload: cost.payloads[k], predicted: cost.predictedLatency(split: k),
                                          emulated: report.latency.p50, accuracy: report.accuracy))
        }
        return points
    }
}
