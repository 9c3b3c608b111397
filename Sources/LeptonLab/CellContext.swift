import Foundation
import LeptonCharts
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
    /// The seed of this replicate (the run's seed + replicate index).
    public let seed: UInt64
    /// 0-based replicate index.
    public let replicate: Int
    /// The sweep point index, inside a sweep.
    public let point: Int?
    /// Threads the cell may use for compute.
    public let threads: Int

    private let values: [String: ParameterValue]
    private let specs: [String: ParameterSpec]
    private let artifactLookup: (String) -> Data?
    private let availableArtifacts: () -> [String]
    private let sweepLookup: () -> [SweepPointResult]
    private(set) var output = CellOutput()
    private var chartCount = 0

    init(experiment: String, cell: String, seed: UInt64, replicate: Int, point: Int?, threads: Int,
         values: [String: ParameterValue], specs: [ParameterSpec],
         artifact: @escaping (String) -> Data?, availableArtifacts: @escaping () -> [String],
         sweepResults: @escaping () -> [SweepPointResult]) {
        self.experiment = experiment
        self.cell = cell
        self.seed = seed
        self.replicate = replicate
        self.point = point
        self.threads = threads
        self.values = values
        self.specs = Dictionary(uniqueKeysWithValues: specs.map { ($0.name, $0) })
        self.artifactLookup = artifact
        self.availableArtifacts = availableArtifacts
        self.sweepLookup = sweepResults
    }

    // MARK: parameters

    /// The value of a declared parameter (recorded as read).
    public func value(_ name: String) throws -> ParameterValue {
        guard specs[name] != nil, let v = values[name] else {
            throw LabError.parameterAccess(cell: cell, name: name,
                                           problem: "is not declared; declare it with Parameter(\"\(name)\", default: …)")
        }
        output.reads["param:\(name)"] = v.description
        return v
    }

    /// An integer parameter.
    public func int(_ name: String) throws -> Int {
        guard case let .int(v) = try value(name) else { throw typeError(name, "integer") }
        return v
    }

    /// A number parameter (integers are accepted).
    public func double(_ name: String) throws -> Double {
        guard let v = try value(name).number else { throw typeError(name, "number") }
        return v
    }

    /// A text parameter.
    public func string(_ name: String) throws -> String {
        guard case let .string(v) = try value(name) else { throw typeError(name, "text") }
        return v
    }

    /// A true/false parameter.
    public func bool(_ name: String) throws -> Bool {
        guard case let .bool(v) = try value(name) else { throw typeError(name, "true/false") }
        return v
    }

    /// A list-of-numbers parameter.
    public func doubles(_ name: String) throws -> [Double] {
        guard case let .doubles(v) = try value(name) else { throw typeError(name, "list of numbers") }
        return v
    }

    private func typeError(_ name: String, _ asked: String) -> LabError {
        .parameterAccess(cell: cell, name: name, problem: "is a \(values[name]?.typeName ?? "?") but was read as a \(asked)")
    }

    // MARK: randomness and data

    /// A generator for this cell, replicate and `stream`: the same numbers on every run
    /// with the same seed.
    public func rng(_ stream: String = "") -> SeededGenerator {
        output.reads["seed"] = String(seed)
        return SeededGenerator(seed: seed, stream: "\(experiment)/\(cell)/\(point.map(String.init) ?? "-")/\(stream)")
    }

    /// The seed to give library calls that take one (training, weight initialisation).
    public func derivedSeed(_ stream: String = "") -> UInt64 {
        var g = rng(stream)
        return g.next()
    }

    /// Loads a data set by catalogue name (or IDX folder path), checksums verified; the
    /// checksums become part of the cell's cache key.
    public func dataset(_ name: String) throws -> DatasetSplit {
        let split = try loadDataset(name)
        output.reads["data:\(name)"] = split.checksums.keys.sorted().map { "\($0)=\(split.checksums[$0] ?? "")" }.joined(separator: ";")
        return split
    }

    // MARK: recording

    /// Records a metric. `measured` marks wall-clock values, which vary between runs.
    public func metric(_ name: String, _ value: Double, unit: String? = nil, polarity: Polarity = .neutral,
                       measured: Bool = false) {
        output.metrics.append(MetricRecord(name: name, value: value, unit: unit, polarity: polarity, measured: measured,
                                           cell: cell, point: point, replicate: replicate))
    }

    /// Records a distribution (for instance per-request latencies): its median becomes the
    /// metric's value, and every observation is kept for percentiles and significance tests.
    public func samples(_ name: String, _ values: [Double], unit: String? = nil, polarity: Polarity = .lowerIsBetter,
                        measured: Bool = true) {
        let sorted = values.sorted()
        let median = sorted.isEmpty ? .nan : Statistics.percentile(sorted, 50)
        output.metrics.append(MetricRecord(name: name, value: median, unit: unit, polarity: polarity, measured: measured,
                                           cell: cell, point: point, replicate: replicate, samples: values))
    }

    /// Records a table (cells as text).
    public func table(_ title: String, columns: [String], rows: [[String]]) {
        output.tables.append(TableRecord(title: title, columns: columns, rows: rows, cell: cell, point: point, replicate: replicate))
    }

    /// Draws a chart with libgd now and records it with its caption.
    public func chart(_ chart: Chart, caption: String) throws {
        let rendered = try chart.render()
        chartCount += 1
        let file = "\(cell)\(point.map { "-p\($0)" } ?? "")-r\(replicate)-\(chartCount).png"
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: " ", with: "_")
        output.images[file] = Data(rendered.png)
        output.charts.append(ChartRecord(file: file, caption: caption, alt: chart.title.map { "\(chart.kindName): \($0)" } ?? caption,
                                         width: Int(rendered.size.width), height: Int(rendered.size.height),
                                         cell: cell, point: point, replicate: replicate))
    }

    /// Adds prose (Markdown) to the report at this cell.
    public func note(_ markdown: String) {
        output.notes.append(markdown)
    }

    // MARK: artifacts

    /// Saves a value for later cells (JSON-encoded; part of their cache keys).
    public func save<T: Encodable>(_ value: T, as name: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        output.artifacts[name] = try encoder.encode(value)
    }

    /// Saves raw bytes for later cells.
    public func saveBytes(_ data: Data, as name: String) {
        output.artifacts[name] = data
    }

    /// Saves a model's weights (safetensors) for later cells.
    public func saveModel(_ model: Sequential, as name: String) {
        output.artifacts[name] = Safetensors.encode(model)
    }

    /// The bytes an earlier cell saved under `name` (recorded as read).
    public func loadBytes(_ name: String) throws -> Data {
        guard let data = artifactLookup(name) else {
            throw LabError.missingArtifact(cell: cell, name: name, available: availableArtifacts())
        }
        output.reads["artifact:\(name)"] = SHA256.hexDigest([UInt8](data))
        return data
    }

    /// A value an earlier cell saved under `name`.
    public func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        try JSONDecoder().decode(T.self, from: try loadBytes(name))
    }

    /// Loads weights an earlier cell saved with ``saveModel(_:as:)`` into `model`.
    public func loadModel(_ name: String, into model: Sequential) throws {
        try Safetensors.load(into: model, data: try loadBytes(name), name: "artifact '\(name)'")
    }

    /// The metrics of every sweep point (for cells after the sweep; recorded as read).
    public func sweepResults() -> [SweepPointResult] {
        let results = sweepLookup()
        let text = results.map { r in "\(r.point):" + r.metrics.map { "\($0.name)=\($0.value)" }.joined(separator: ",") }
            .joined(separator: ";")
        output.reads["sweep"] = SHA256.hexDigest(Array(text.utf8))
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

    /// The value of the metric `name`, if recorded.
    public func metric(_ name: String) -> Double? { metrics.first { $0.name == name }?.value }
}
