import Foundation

/// Which direction of change is an improvement for a metric.
public enum Polarity: String, Sendable, Codable {
    /// Larger is better (accuracy, throughput).
    case higherIsBetter = "higher"
    /// Smaller is better (latency, loss, energy).
    case lowerIsBetter = "lower"
    /// Neither direction is good or bad.
    case neutral
}

/// One recorded metric value.
public struct MetricRecord: Sendable, Codable, Equatable {
    public var name: String
    public var value: Double
    public var unit: String?
    public var polarity: Polarity
    /// True for wall-clock measurements, which differ between runs and are left out of
    /// determinism checks.
    public var measured: Bool
    public var cell: String
    public var point: Int?
    public var replicate: Int
    /// For a distribution metric (latencies): every observation; `value` is their median.
    public var samples: [Double]?
    /// True when the value is the same on every machine (counts, bytes, schedules,
    /// modelled-clock times); nil or false for floating-point results of training and
    /// for measurements.
    public var exact: Bool? = nil

    /// A metric value.
    public init(name: String, value: Double, unit: String?, polarity: Polarity, measured: Bool, cell: String,
                point: Int?, replicate: Int, samples: [Double]? = nil) {
        self.name = name
        self.value = value
        self.unit = unit
        self.polarity = polarity
        self.measured = measured
        self.cell = cell
        self.point = point
        self.replicate = replicate
        self.samples = samples
    }
}

/// A table recorded by a cell.
public struct TableRecord: Sendable, Codable, Equatable {
    public var title: String
    public var columns: [String]
    public var rows: [[String]]
    public var cell: String
    public var point: Int?
    public var replicate: Int
}

/// Prose written by a cell.
public struct NoteRecord: Sendable, Codable, Equatable {
    public var text: String
    public var cell: String
    public var point: Int?
    public var replicate: Int
}

/// A chart drawn by a cell (the PNG is stored beside the record).
public struct ChartRecord: Sendable, Codable, Equatable {
    public var file: String
    public var caption: String
    public var alt: String
    public var width: Int
    public var height: Int
    public var cell: String
    public var point: Int?
    public var replicate: Int
}

/// Everything one execution of one cell (at one sweep point and replicate) produced.
public struct CellOutput: Sendable, Codable, Equatable {
    public var metrics: [MetricRecord] = []
    public var tables: [TableRecord] = []
    public var charts: [ChartRecord] = []
    /// PNG bytes by chart file name.
    public var images: [String: Data] = [:]
    /// Markdown notes, in order.
    public var notes: [String] = []
    /// Saved artifacts by name.
    public var artifacts: [String: Data] = [:]
    /// What the cell read — parameter values, seed, data checksums, artifact and sweep
    /// digests — in a fixed order.
    public var reads: [CellRead] = []
}

/// How one unit (a cell at a point and replicate) was obtained in a run.
public struct CellRun: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable { case ran, cached }
    public var cell: String
    public var point: Int?
    public var replicate: Int
    public var status: Status
    /// Wall time of this run's execution (for cached units: the original run's time).
    public var seconds: Double
    public var key: String
    /// Compute threads the unit ran with (for cached units: the original run's); nil in
    /// runs recorded before it was kept, and for cache entries written before then.
    public var threads: Int?
}

/// A metric aggregated over replicates.
public struct MetricSummary: Sendable, Codable, Equatable {
    public var name: String
    public var unit: String?
    public var polarity: Polarity
    public var point: Int?
    public var n: Int
    public var mean: Double
    public var std: Double
    public var ci95Low: Double
    public var ci95High: Double
}

/// The verdict on one claim.
public struct ClaimResult: Sendable, Codable, Equatable {
    public enum Verdict: String, Sendable, Codable { case reproduced, notReproduced = "not reproduced", inconclusive }
    public var metric: String
    public var statement: String
    public var claimed: Double
    public var acceptedLow: Double
    public var acceptedHigh: Double
    public var reproduced: Double?
    public var intervalLow: Double?
    public var intervalHigh: Double?
    public var n: Int
    public var verdict: Verdict
    /// Why: the computed value and how it compares, or what kept it from being judged.
    public var reason: String
    /// Where the claimed value comes from (for a check: why the target).
    public var source: String
    /// "claim" (from a source) or "check" (the project's own target); absent in old records.
    public var kind: Claim.Kind? = .claim
}

/// A resolved parameter with where its value came from.
public struct ParameterRecord: Sendable, Codable, Equatable {
    public var name: String
    public var value: String
    public var type: String
    public var unit: String?
    public var origin: String
}

/// The environment a run happened in.
public struct EnvironmentRecord: Sendable, Codable, Equatable {
    public var leptonVersion: String
    public var gitCommit: String?
    public var gitDirty: Bool?
    public var swiftVersion: String
    public var os: String
    public var cpuModel: String
    public var cores: Int
    public var blas: String
    public var threads: Int
    public var hostname: String
    public var dataChecksums: [String: String]
}

/// The machine-readable record of a run: `results.json`. The schema is versioned and
/// documented in docs/RESULTS.md.
public struct RunRecord: Sendable, Codable, Equatable {
    public static let schemaVersion = "lepton-results/2"
    public var schema = RunRecord.schemaVersion
    public var experiment: String
    public var title: String
    public var summaryText: String
    public var runID: String
    public var created: String
    public var profile: String?
    public var seed: UInt64
    public var replicates: Int
    public var parameters: [ParameterRecord]
    public var sweepName: String?
    public var sweepPoints: [[String: String]]
    public var metrics: [MetricRecord]
    public var summary: [MetricSummary]
    public var tables: [TableRecord]
    public var charts: [ChartRecord]
    public var notes: [NoteRecord]
    public var claims: [ClaimResult]
    public var cells: [CellRun]
    public var environment: EnvironmentRecord
    /// Regression thresholds declared by the experiment.
    public var thresholds: [Threshold] = []
    /// The experiment's description in order (prose, cells, the sweep), so the report can
    /// be rebuilt from this record alone; absent in records older than schema 2.
    public var layout: [LayoutItem]? = nil
    /// Warnings raised while running (sources edited since the build, non-finite values).
    public var warnings: [String]? = nil
    /// The digest of the code compiled into the binary that ran (``CodeIdentity``).
    public var build: String? = nil
    /// This profile's recorded runs up to and including this one (at most 30), for the
    /// report's trend charts.
    public var history: [RunStore.HistoryEntry]? = nil
}

/// One element of an experiment's description as recorded in results.json.
public enum LayoutItem: Sendable, Codable, Equatable {
    /// Prose (Markdown).
    case markdown(String)
    /// A cell, by name.
    case cell(String)
    /// The sweep: its name and its cells' names.
    case sweep(name: String, cells: [String])
}
