import Dispatch
import Foundation
import LeptonData
import LeptonTensor

/// The outcome of a run: its record and everything needed to write the report.
public struct RunResult: Sendable {
    /// The machine-readable record (`results.json`).
    public var record: RunRecord
    /// Each unit's output, in execution order.
    public var outputs: [UnitOutput]
    /// The experiment that ran.
    public var experiment: Experiment
}

/// One executed unit: a cell at a sweep point and replicate, with what it produced.
public struct UnitOutput: Sendable {
    /// The cell's name.
    public var cell: String
    /// The sweep point, inside the sweep.
    public var point: Int?
    /// The replicate.
    public var replicate: Int
    /// What it produced.
    public var output: CellOutput
    /// How it was obtained (ran or cached) and how long it took.
    public var run: CellRun
}

/// Executes an experiment: validate → plan → for each unit, reuse a cached output whose
/// code and reads still hold or run the cell → record (metrics, replicate statistics,
/// claim verdicts). It writes nothing but cache entries; ``RunStore`` writes the run.
public final class Runner {
    /// The experiment to run.
    public let experiment: Experiment
    /// How to run it.
    public let options: RunOptions
    /// Called before and after every unit.
    public var observer: ((RunEvent) -> Void)?

    /// A runner for `experiment`.
    public init(experiment: Experiment, options: RunOptions) {
        self.experiment = experiment
        self.options = options
    }

    /// The number of sweep points (0 without a sweep).
    public var pointCount: Int { experiment.sweep?.points.count ?? 0 }

    /// Validates the experiment and the options without running anything; returns the
    /// resolved parameter values.
    public func validate() throws(LabError) -> [String: ParameterValue] {
        try validated().values
    }

    /// ``validate()``'s work, keeping each value's origin and the profile for the record.
    func validated() throws(LabError) -> ResolvedParameters {
        try experiment.validate()
        let resolved = try experiment.resolveParameters(profile: options.profile, overrides: options.overrides)
        if let p = options.point {
            guard pointCount > 0 else {
                throw .invalidExperiment(experiment: experiment.id, problem: "--point needs a sweep, and this experiment has none")
            }
            guard p >= 0 && p < pointCount else { throw .pointOutOfRange(experiment: experiment.id, point: p, count: pointCount) }
        }
        if let r = options.replicates, r < 1 {
            throw .invalidExperiment(experiment: experiment.id, problem: "--seeds must be at least 1, got \(r)")
        }
        return resolved
    }

    /// Runs the experiment.
    public func run() throws -> RunResult {
        let resolved = try validated()
        let values = resolved.values
        let profileSeeds = resolved.profile?.seeds
        let replicates = options.replicates ?? profileSeeds ?? experiment.replicates
        ComputeThreads.set(options.threads)
        let cache = CellCache(root: options.reports.appendingPathComponent(".cache"))
        cache.sweepStale(experiment: experiment.id)
        // Each cell's code key once per run (it hashes the whole module), not once per unit.
        let codeKeys = Dictionary(experiment.cells.map { ($0.name, options.identity.key(for: $0).digest) }, uniquingKeysWith: { a, _ in a })
        var state = RunState(values: values, codeKeys: codeKeys, numerics: NumericsFingerprint.compute())
        let units = RunPlan(experiment: experiment, replicates: replicates, point: options.point).units
        for (index, unit) in units.enumerated() {
            observer?(.started(index: index, total: units.count, cell: unit.cell.name, point: unit.point, replicate: unit.replicate))
            guard let done = try obtain(unit, state: state, cache: cache) else {
                if let p = unit.point { state.missingPoints.insert(p) }
                if unit.point == nil && !state.missingPoints.isEmpty { break }
                continue
            }
            state.artifacts.store(done.output.artifacts, for: unit)
            state.outputs.append(done)
            observer?(.finished(index: index, total: units.count, cell: unit.cell.name, point: unit.point,
                                replicate: unit.replicate, status: done.run.status, seconds: done.run.seconds))
        }
        guard state.missingPoints.isEmpty else {
            throw LabError.missingPoints(experiment: experiment.id, points: state.missingPoints.sorted())
        }
        let builder = RunRecordBuilder(experiment: experiment, options: options, resolved: resolved, replicates: replicates,
                                       outputs: state.outputs, warnings: options.identity.staleSourceWarnings(),
                                       buildDigest: options.identity.buildDigest)
        if options.point == nil, let bug = builder.missingClaimMetrics(state.outputs.flatMap { $0.output.metrics }) { throw bug }
        return RunResult(record: builder.build(), outputs: state.outputs, experiment: experiment)
    }

    /// What the run has done so far.
    struct RunState {
        let values: [String: ParameterValue]
        /// Each cell's code identity (``CodeIdentity``), by cell name.
        let codeKeys: [String: String]
        /// The numerics fingerprint of this process: part of every cache entry's folder, so a
        /// value computed with other numerics (a CPU without FMA, sharing the reports folder)
        /// is never taken for this run's.
        let numerics: String
        var artifacts = ArtifactScope()
        var outputs: [UnitOutput] = []
        var missingPoints = Set<Int>()
    }

    /// The unit's output from the cache or by running the cell; nil when `collect` finds a
    /// sweep unit that has not run (or a later unit that needs it).
    private func obtain(_ unit: RunUnit, state: RunState, cache: CellCache) throws -> UnitOutput? {
        let inputs = UnitInputs(unit: unit, experiment: experiment, seed: options.seed &+ UInt64(unit.replicate), state: state)
        let codeKey = state.codeKeys[unit.cell.name] ?? options.identity.key(for: unit.cell).digest
        let (dir, key) = cache.directory(experiment: experiment.id, cell: unit.cell.name, code: codeKey, numerics: state.numerics,
                                         point: unit.point, replicate: unit.replicate)
        if options.useCache, let (hit, meta) = cache.lookup(in: dir, current: inputs.current) {
            return UnitOutput(cell: unit.cell.name, point: unit.point, replicate: unit.replicate, output: hit,
                              run: CellRun(cell: unit.cell.name, point: unit.point, replicate: unit.replicate, status: .cached,
                                           seconds: meta.seconds, key: key, threads: meta.threads, artifacts: hit.artifactDigests))
        }
        if (options.requireCachedSweep && unit.point != nil) || (unit.point == nil && !state.missingPoints.isEmpty) {
            return nil
        }
        let (output, seconds) = try execute(unit, inputs: inputs)
        do {
            try cache.store(output, seconds: seconds, threads: options.threads, in: dir)
        } catch {
            throw LabError.storage(path: dir.path, reason: "cannot write the cell cache: \(error); remove the folder or run with --no-cache")
        }
        return UnitOutput(cell: unit.cell.name, point: unit.point, replicate: unit.replicate, output: output,
                          run: CellRun(cell: unit.cell.name, point: unit.point, replicate: unit.replicate, status: .ran,
                                       seconds: seconds, key: key, threads: options.threads, artifacts: output.artifactDigests))
    }

    /// Runs the cell's body with a fresh context; returns its output and wall time.
    private func execute(_ unit: RunUnit, inputs: UnitInputs) throws -> (CellOutput, Double) {
        let ctx = CellContext(experiment: experiment.id, cell: unit.cell.name, seed: inputs.seed, replicate: unit.replicate,
                              point: unit.point, threads: options.threads, values: inputs.values, specs: experiment.parameters,
                              artifact: inputs.artifact, availableArtifacts: inputs.available, sweepResults: inputs.sweepResults)
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            try unit.cell.body(ctx)
        } catch let error as LabError {
            throw error
        } catch {
            throw LabError.cellFailed(experiment: experiment.id, cell: unit.cell.name, message: String(describing: error))
        }
        return (ctx.output, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
}
