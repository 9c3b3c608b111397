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
    public var cell: String
    public var point: Int?
    public var replicate: Int
    public var output: CellOutput
    public var run: CellRun
}

/// Executes an experiment: validates it, resolves parameters, runs (or fetches from the
/// cache) every cell in order for every replicate and sweep point, aggregates metrics
/// and judges claims. It writes nothing but cache entries; ``RunStore`` writes the run.
public final class Runner {
    public let experiment: Experiment
    public let options: RunOptions
    /// Called before and after every unit.
    public var observer: ((RunEvent) -> Void)?

    /// A runner for `experiment`.
    public init(experiment: Experiment, options: RunOptions) {
        self.experiment = experiment
        self.options = options
    }

    private struct Unit {
        let cell: Cell
        let point: Int?
        let replicate: Int
    }

    /// The number of sweep points (0 without a sweep).
    public var pointCount: Int { experiment.sweep?.points.count ?? 0 }

    /// Validates the experiment and the options without running anything.
    public func validate() throws(LabError) -> [String: ParameterValue] {
        try experiment.validate()
        let values = try experiment.resolve(profile: options.profile, overrides: options.overrides)
        if let p = options.point {
            guard pointCount > 0 else {
                throw .invalidExperiment(experiment: experiment.id, problem: "--point needs a sweep, and this experiment has none")
            }
            guard p >= 0 && p < pointCount else { throw .pointOutOfRange(experiment: experiment.id, point: p, count: pointCount) }
        }
        if let r = options.replicates, r < 1 {
            throw .invalidExperiment(experiment: experiment.id, problem: "--seeds must be at least 1, got \(r)")
        }
        return values
    }

    /// Runs the experiment.
    public func run() throws -> RunResult {
        let values = try validate()
        let replicates = options.replicates ?? experiment.replicates
        ComputeThreads.set(options.threads)
        let cache = CellCache(root: options.reports.appendingPathComponent(".cache"))
        cache.sweepStale(experiment: experiment.id)

        var units: [Unit] = []
        for r in 0..<replicates {
            var afterSweep = false
            for item in experiment.items {
                switch item {
                case let .cell(c):
                    if options.point == nil || !afterSweep { units.append(Unit(cell: c, point: nil, replicate: r)) }
                case let .sweep(s):
                    afterSweep = true
                    for p in s.points.indices where options.point == nil || options.point == p {
                        for c in s.cells { units.append(Unit(cell: c, point: p, replicate: r)) }
                    }
                default: break
                }
            }
        }

        var missingPoints = Set<Int>()
        var artifacts: [String: [String: Data]] = [:]       // scope "r/p" → name → bytes
        var outputs: [UnitOutput] = []
        let specs = experiment.parameters
        let sweepPoints = experiment.sweep?.points ?? []
        for (index, unit) in units.enumerated() {
            var unitValues = values
            if let p = unit.point { for (k, v) in sweepPoints[p] { unitValues[k] = v } }
            let scope = "\(unit.replicate)/\(unit.point.map(String.init) ?? "-")"
            let outer = "\(unit.replicate)/-"
            let seed = options.seed &+ UInt64(unit.replicate)
            func artifact(_ name: String) -> Data? { artifacts[scope]?[name] ?? artifacts[outer]?[name] }
            let available = { Array(Set((artifacts[scope] ?? [:]).keys).union((artifacts[outer] ?? [:]).keys)).sorted() }
            let sweepResults: () -> [SweepPointResult] = {
                sweepPoints.indices.map { p in
                    SweepPointResult(point: p, values: sweepPoints[p],
                                     metrics: outputs.filter { $0.replicate == unit.replicate && $0.point == p }.flatMap { $0.output.metrics })
                }
            }
            observer?(.started(index: index, total: units.count, cell: unit.cell.name, point: unit.point, replicate: unit.replicate))
            let (dir, key) = cache.baseDirectory(experiment: experiment.id, cell: unit.cell, point: unit.point, replicate: unit.replicate)
            var produced: CellOutput
            var status = CellRun.Status.ran
            var seconds = 0.0
            let current: (String) -> String? = { read in
                if read == "seed" { return String(seed) }
                if read.hasPrefix("param:") { return unitValues[String(read.dropFirst(6))]?.description }
                if read.hasPrefix("artifact:") {
                    return artifact(String(read.dropFirst(9))).map { SHA256.hexDigest([UInt8]($0)) }
                }
                if read.hasPrefix("data:") { return Runner.currentChecksums(String(read.dropFirst(5))) }
                if read == "sweep" {
                    let text = sweepResults().map { r in "\(r.point):" + r.metrics.map { "\($0.name)=\($0.value)" }.joined(separator: ",") }
                        .joined(separator: ";")
                    return SHA256.hexDigest(Array(text.utf8))
                }
                return nil
            }
            if options.useCache, let (hit, originalSeconds) = cache.lookup(in: dir, current: current) {
                produced = hit
                status = .cached
                seconds = originalSeconds
            } else if options.requireCachedSweep, let p = unit.point {
                missingPoints.insert(p)
                continue
            } else if !missingPoints.isEmpty && unit.point == nil {
                break
            } else {
                let ctx = CellContext(experiment: experiment.id, cell: unit.cell.name, seed: seed, replicate: unit.replicate,
                                      point: unit.point, threads: options.threads, values: unitValues, specs: specs,
                                      artifact: artifact, availableArtifacts: available, sweepResults: sweepResults)
                let start = DispatchTime.now().uptimeNanoseconds
                do {
                    try unit.cell.body(ctx)
                } catch let error as LabError {
                    throw error
                } catch {
                    throw LabError.cellFailed(experiment: experiment.id, cell: unit.cell.name, message: String(describing: error))
                }
                seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                produced = ctx.output
                do {
                    try cache.store(produced, seconds: seconds, in: dir)
                } catch {
                    throw LabError.storage(path: dir.path, reason: "cannot write the cell cache: \(error.localizedDescription)")
                }
            }
            for (name, data) in produced.artifacts { artifacts[scope, default: [:]][name] = data }
            let run = CellRun(cell: unit.cell.name, point: unit.point, replicate: unit.replicate, status: status,
                              seconds: seconds, key: key)
            outputs.append(UnitOutput(cell: unit.cell.name, point: unit.point, replicate: unit.replicate, output: produced, run: run))
            observer?(.finished(index: index, total: units.count, cell: unit.cell.name, point: unit.point,
                                replicate: unit.replicate, status: status, seconds: seconds))
        }
        if !missingPoints.isEmpty {
            throw LabError.missingPoints(experiment: experiment.id, points: missingPoints.sorted())
        }
        let record = RunRecordBuilder(experiment: experiment, options: options, values: values, replicates: replicates,
                                      outputs: outputs).build()
        return RunResult(record: record, outputs: outputs, experiment: experiment)
    }

    /// The checksums a data set has now, in the form cells record them.
    static func currentChecksums(_ name: String) -> String? {
        if isDatasetPath(name) {
            let dir = URL(fileURLWithPath: name)
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return nil }
            var parts: [String] = []
            for f in files.sorted() where f.contains("idx") {
                guard let h = try? SHA256.hexDigest(ofFile: dir.appendingPathComponent(f)) else { return nil }
                parts.append("\(f)=\(h)")
            }
            return parts.joined(separator: ";")
        }
        guard let catalogue = try? DatasetCatalogue(), let d = try? catalogue.descriptor(named: name) else { return nil }
        return d.files.sorted { $0.name < $1.name }.map { "\($0.name)=\($0.sha256)" }.joined(separator: ";")
    }
}
