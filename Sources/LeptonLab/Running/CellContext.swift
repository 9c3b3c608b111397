import Foundation
import LeptonCharts
import LeptonCore
import LeptonData
import LeptonNN
import LeptonTensor

/// What a cell sees while it runs: parameters, seeded generators, data sets, artifacts
/// of earlier cells, and the recorder for metrics, tables, charts and notes.
///
/// Every parameter, data set and artifact a cell reads is remembered, so the cache can
/// tell which cells a changed input affects.
public final class CellContext {
    /// The experiment's id.
    public let experiment: String
    /// This cell's name.
    public let cell: String
    /// 0-based replicate index.
    public let replicate: Int
    /// The sweep point index, inside a sweep.
    public let point: Int?
    /// Threads the cell may use for compute.
    public let threads: Int

    private let replicateSeed: UInt64
    private let values: [String: ParameterValue]
    private let specs: [String: ParameterSpec]
    private let artifactLookup: (String) -> Data?
    private let availableArtifacts: () -> [String]
    private let sweepLookup: () -> [SweepPointResult]
    private var readLog: [CellRead.Input: CellRead] = [:]
    private var recorded = CellOutput()
    private var chartCount = 0

    /// What the cell produced, with every read it made.
    var output: CellOutput {
        var out = recorded
        out.reads = readLog.keys.sorted().compactMap { readLog[$0] }
        return out
    }

    init(experiment: String, cell: String, seed: UInt64, replicate: Int, point: Int?, threads: Int,
         values: [String: ParameterValue], specs: [ParameterSpec],
         artifact: @escaping (String) -> Data?, availableArtifacts: @escaping () -> [String],
         sweepResults: @escaping () -> [SweepPointResult]) {
        self.experiment = experiment
        self.cell = cell
        self.replicateSeed = seed
        self.replicate = replicate
        self.point = point
        self.threads = threads
        self.values = values
        self.specs = Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0) })
        self.artifactLookup = artifact
        self.availableArtifacts = availableArtifacts
        self.sweepLookup = sweepResults
    }

    private func noteRead(_ read: CellRead) { readLog[read.input] = read }

    // MARK: parameters

    /// The value of a declared parameter, typed by its declaration (recorded as read).
    /// Throws when this experiment does not declare it.
    public subscript<Value>(_ parameter: Parameter<Value>) -> Value {
        get throws(LabError) {
            let name = parameter.name
            guard specs[name] != nil, let v = values[name] else {
                throw .parameterAccess(cell: cell, name: name,
                                       problem: "is not declared by experiment \(experiment); list it in the experiment's body")
            }
            guard let typed = Value(parameterValue: v) else {
                throw .parameterAccess(cell: cell, name: name, problem: "holds a \(v.typeName), which its declaration does not allow")
            }
            noteRead(.parameter(name: name, value: v))
            return typed
        }
    }

    // MARK: randomness and data

    /// The seed of this replicate (the run's seed + replicate index); recorded as read.
    public var seed: UInt64 {
        noteRead(.seed(replicateSeed))
        return replicateSeed
    }

    /// A generator for this cell, replicate and `stream`: the same numbers on every run
    /// with the same seed.
    public func rng(_ stream: String = "") -> SeededGenerator {
        SeededGenerator(seed: seed, stream: "\(experiment)/\(cell)/\(point.map(String.init) ?? "-")/\(stream)")
    }

    /// The seed to give library calls that take one (training, weight initialisation).
    public func derivedSeed(_ stream: String = "") -> UInt64 {
        var g = rng(stream)
        return g.next()
    }

    /// The bytes of the file at `path` (an imported model, an instance file); its SHA-256
    /// becomes part of the cell's cache key, so editing the file reruns the cell.
    public func file(_ path: String) throws -> Data {
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw LabError.storage(path: url.path, reason: "cannot be read by cell '\(cell)'; check the path")
        }
        noteRead(.file(path: url.path, sha256: SHA256.hexDigest([UInt8](data))))
        return data
    }

    /// Loads a data set by catalogue name (or IDX folder path; ``DatasetReference`` states
    /// the one rule, shared with `lepton train` and `evaluate`), checksums verified; the
    /// checksums become part of the cell's cache key.
    public func dataset(_ name: String) throws -> DatasetSplit {
        let split = try loadDataset(name)
        noteRead(.dataset(name: name, checksums: split.checksums))
        return split
    }

    // MARK: recording

    /// Records a value of `metric` (unit, polarity and clock from its declaration).
    public func record(_ metric: Metric, _ value: Double) {
        var record = MetricRecord(name: metric.name, value: value, unit: metric.unit, polarity: metric.polarity,
                                  measured: metric.measured, cell: cell, point: point, replicate: replicate)
        record.exact = metric.exact ? true : nil
        record.crossing = metric.crossing ? true : nil
        recorded.metrics.append(record)
    }

    /// Records a distribution of `metric` (for instance per-request latencies): its median
    /// becomes the metric's value, and every observation is kept for percentiles and
    /// significance tests. Non-finite observations are kept as they are.
    public func record(_ metric: Metric, samples: [Double]) {
        let finite = samples.filter(\.isFinite).sorted()
        let median = finite.count == samples.count && !finite.isEmpty ? Statistics.percentile(finite, 50) : .nan
        recorded.metrics.append(MetricRecord(name: metric.name, value: median, unit: metric.unit, polarity: metric.polarity,
                                             measured: metric.measured, cell: cell, point: point, replicate: replicate,
                                             samples: samples))
    }

    /// Records a table (cells as text). `measured` names the columns read off the measured
    /// clock (wall time), which `run --verify-determinism` then leaves out.
    public func table(_ title: String, columns: [String], rows: [[String]], measured: [String] = []) {
        let unknown = measured.filter { !columns.contains($0) }
        precondition(unknown.isEmpty, "table '\(title)': measured columns \(unknown) are not among \(columns)")
        let indices = measured.compactMap { columns.firstIndex(of: $0) }.sorted()
        recorded.tables.append(TableRecord(title: title, columns: columns, rows: rows, cell: cell, point: point, replicate: replicate,
                                           measuredColumns: indices.isEmpty ? nil : indices))
    }

    /// Draws a chart with libgd now and records it with its caption.
    public func chart(_ chart: Chart, caption: String) throws {
        let rendered = try chart.render()
        let gaps = rendered.warnings.compactMap { w -> String? in
            if case let .nonFiniteValues(_, series, count) = w { return "\(count) non-finite value\(count == 1 ? "" : "s") of '\(series)' drawn as gaps" }
            return nil
        }
        let caption = gaps.isEmpty ? caption : "\(caption) (\(gaps.joined(separator: "; ")))"
        chartCount += 1
        let file = "\(cell)\(point.map { "-p\($0)" } ?? "")-r\(replicate)-\(chartCount).png"
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: " ", with: "_")
        recorded.images[file] = Data(rendered.png)
        recorded.charts.append(ChartRecord(file: file, caption: caption, alt: chart.title.map { "\(chart.kindName): \($0)" } ?? caption,
                                         width: Int(rendered.size.width), height: Int(rendered.size.height),
                                         cell: cell, point: point, replicate: replicate))
    }

    /// Adds a warning to the run: shown in the terminal, at the top of the report and in
    /// results.json's `warnings`, prefixed with this cell's position.
    public func warn(_ text: String) {
        recorded.warnings = (recorded.warnings ?? []) + [text]
    }

    /// Adds prose (Markdown) to the report at this cell.
    public func note(_ markdown: String) {
        recorded.notes.append(markdown)
    }

    // MARK: artifacts

    /// Saves a value for later cells (JSON-encoded; part of their cache keys). `measured`:
    /// it holds wall-clock values, so `run --verify-determinism` leaves it out.
    public func save<T: Encodable>(_ value: T, as name: String, measured: Bool = false) throws {
        saveBytes(try LabJSON.encoder().encode(value), as: name, measured: measured)
    }

    /// Saves raw bytes for later cells (`measured` as for ``save(_:as:measured:)``).
    public func saveBytes(_ data: Data, as name: String, measured: Bool = false) {
        recorded.artifacts[name] = data
        var m = Set(recorded.measuredArtifacts ?? [])
        if measured { m.insert(name) } else { m.remove(name) }
        recorded.measuredArtifacts = m.isEmpty ? nil : m.sorted()
    }

    /// Saves a model's weights (safetensors) for later cells.
    public func saveModel(_ model: Sequential, as name: String) {
        recorded.artifacts[name] = Safetensors.encode(model)
    }

    /// The bytes an earlier cell saved under `name` (recorded as read).
    public func loadBytes(_ name: String) throws -> Data {
        guard let data = artifactLookup(name) else {
            throw LabError.missingArtifact(cell: cell, name: name, available: availableArtifacts())
        }
        noteRead(.artifact(name: name, sha256: SHA256.hexDigest([UInt8](data))))
        return data
    }

    /// A value an earlier cell saved under `name`.
    public func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try LabJSON.decoder().decode(T.self, from: try loadBytes(name))
    }

    /// Loads weights an earlier cell saved with ``saveModel(_:as:)`` into `model` (built
    /// with the same architecture) and returns it.
    @discardableResult
    public func loadModel(_ name: String, into model: Sequential) throws -> Sequential {
        try Safetensors.load(into: model, data: try loadBytes(name), name: "artifact '\(name)'")
        return model
    }

    /// The metrics of every sweep point (for cells after the sweep; recorded as read).
    public func sweepResults() -> [SweepPointResult] {
        let results = sweepLookup()
        noteRead(.sweepResults(sha256: SweepPointResult.digest(results)))
        return results
    }
}

/// One sweep point's parameter values and metrics (of this replicate).
public struct SweepPointResult: Sendable {
    /// 0-based point index.
    public let point: Int
    /// The swept parameters' values at this point.
    public let values: [String: ParameterValue]
    /// The metrics the sweep's cells recorded at this point.
    public let metrics: [MetricRecord]

    /// The value of `metric` at this point, if recorded.
    public subscript(_ metric: Metric) -> Double? { metrics.first { $0.name == metric.name }?.value }

    /// The value of a swept (or fixed) parameter at this point.
    public subscript<Value>(_ parameter: Parameter<Value>) -> Value? {
        values[parameter.name].flatMap(Value.init(parameterValue:))
    }

    /// A digest of the points' metrics, exact to the bit (what a cell after the sweep read).
    static func digest(_ results: [SweepPointResult]) -> String {
        let text = results.map { r in
            "\(r.point):" + r.metrics.map { "\($0.name)=\($0.value.bitPattern)" }.joined(separator: ",")
        }.joined(separator: ";")
        return SHA256.hexDigest(Array(text.utf8))
    }
}
