import Foundation
import LeptonData
import LeptonReport
import LeptonTensor

@_exported import LeptonCore

/// One recorded metric value.
public struct MetricRecord: Sendable, Codable, Equatable {
    /// The metric's name, as declared with `Metric`.
    public var name: String
    /// The recorded value, in `unit`; for a distribution metric, the median of `samples`.
    public var value: Double
    /// The unit of `value` as text; nil when the metric has none.
    public var unit: String?
    /// Whether higher or lower values are better, or neither (``Polarity``).
    public var polarity: Polarity
    /// True for wall-clock measurements, which differ between runs and are left out of
    /// determinism checks.
    public var measured: Bool
    /// The name of the cell that recorded it.
    public var cell: String
    /// The sweep point's index into `RunRecord.sweepPoints`; nil outside the sweep.
    public var point: Int?
    /// The replicate (0-based); its seed was `seed + replicate`.
    public var replicate: Int
    /// For a distribution metric (latencies): every observation; `value` is their median.
    public var samples: [Double]?
    /// True when the value is the same on every machine (counts, bytes, schedules,
    /// modelled-clock times); nil or false for floating-point results of training and
    /// for measurements.
    public var exact: Bool? = nil
    /// True for a count read off a threshold crossing, or a value computed from such counts
    /// (``Metric/crossing``); nil otherwise.
    public var crossing: Bool? = nil

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
    /// The table's title.
    public var title: String
    /// The column headings, left to right.
    public var columns: [String]
    /// The rows, each a list of cell texts in column order.
    public var rows: [[String]]
    /// The name of the cell that recorded it.
    public var cell: String
    /// The sweep point's index into `RunRecord.sweepPoints`; nil outside the sweep.
    public var point: Int?
    /// The replicate (0-based); its seed was `seed + replicate`.
    public var replicate: Int
    /// Indices of the columns read off the measured clock (wall time), which differ from
    /// run to run: `run --verify-determinism` leaves them out. Nil when none.
    public var measuredColumns: [Int]? = nil
}

/// Prose written by a cell.
public struct NoteRecord: Sendable, Codable, Equatable {
    /// The note's Markdown text.
    public var text: String
    /// The name of the cell that wrote it.
    public var cell: String
    /// The sweep point's index into `RunRecord.sweepPoints`; nil outside the sweep.
    public var point: Int?
    /// The replicate (0-based); its seed was `seed + replicate`.
    public var replicate: Int
}

/// A chart drawn by a cell (the PNG is stored beside the record).
public struct ChartRecord: Sendable, Codable, Equatable {
    /// The PNG's file name under the run's `charts/` folder.
    public var file: String
    /// The caption shown with the chart.
    public var caption: String
    /// Alternative text describing the chart for readers who cannot see it.
    public var alt: String
    /// Display width, CSS pixels (the PNG is drawn at 2×).
    public var width: Int
    /// Display height, CSS pixels (the PNG is drawn at 2×).
    public var height: Int
    /// The name of the cell that drew it.
    public var cell: String
    /// The sweep point's index into `RunRecord.sweepPoints`; nil outside the sweep.
    public var point: Int?
    /// The replicate (0-based); its seed was `seed + replicate`.
    public var replicate: Int
}

/// Everything one execution of one cell (at one sweep point and replicate) produced.
public struct CellOutput: Sendable, Codable, Equatable {
    /// The metric values the cell recorded, in order.
    public var metrics: [MetricRecord] = []
    /// The tables the cell recorded, in order.
    public var tables: [TableRecord] = []
    /// The charts the cell drew, in order (their PNG bytes are in `images`).
    public var charts: [ChartRecord] = []
    /// PNG bytes by chart file name.
    public var images: [String: Data] = [:]
    /// Markdown notes, in order.
    public var notes: [String] = []
    /// Warnings the cell raised (a diverged training, …); nil when none.
    public var warnings: [String]? = nil
    /// Saved artifacts by name.
    public var artifacts: [String: Data] = [:]
    /// The artifacts that hold measured (wall-clock) values, which differ from run to run:
    /// `run --verify-determinism` leaves them out. Nil when none.
    public var measuredArtifacts: [String]? = nil
    /// What the cell read — parameter values, seed, data checksums, artifact and sweep
    /// digests — in a fixed order.
    public var reads: [CellRead] = []

    /// SHA-256 of each saved artifact that holds no measured value, by name; nil when none.
    public var artifactDigests: [String: String]? {
        let measured = Set(measuredArtifacts ?? [])
        let digests = artifacts.filter { !measured.contains($0.key) }.mapValues { SHA256.hexDigest([UInt8]($0)) }
        return digests.isEmpty ? nil : digests
    }
}

/// How one unit (a cell at a point and replicate) was obtained in a run.
public struct CellRun: Sendable, Codable, Equatable {
    /// How the unit was obtained: executed in this run, or taken from the cell cache.
    public enum Status: String, Sendable, Codable {
        /// Executed in this run.
        case ran
        /// Taken from the cell cache: its code and every input it read were unchanged.
        case cached
    }
    /// The cell's name.
    public var cell: String
    /// The sweep point's index; nil outside the sweep.
    public var point: Int?
    /// The replicate (0-based); its seed was `seed + replicate`.
    public var replicate: Int
    /// `ran` (executed in this run) or `cached` (outputs from the cell cache).
    public var status: Status
    /// Wall time of this run's execution (for cached units: the original run's time).
    public var seconds: Double
    /// The cell's cache key prefix (16 hex digits), as shown in reports.
    public var key: String
    /// Compute threads the unit ran with (for cached units: the original run's); nil in
    /// runs recorded before it was kept, and for cache entries written before then.
    public var threads: Int?
    /// SHA-256 of each artifact the unit saved (weights, predictions, …) by name, measured
    /// (wall-clock) artifacts left out: the bits a golden digest checks. Nil when none.
    public var artifacts: [String: String]? = nil
}

/// A metric aggregated over replicates.
public struct MetricSummary: Sendable, Codable, Equatable {
    /// The metric's name.
    public var name: String
    /// The metric's unit; nil when it has none.
    public var unit: String?
    /// Whether higher or lower values are better, or neither.
    public var polarity: Polarity
    /// The sweep point's index; nil outside the sweep.
    public var point: Int?
    /// The number of replicate values aggregated.
    public var n: Int
    /// Mean of the replicate values, in `unit`.
    public var mean: Double
    /// Sample standard deviation (n − 1) of the replicate values, in `unit`; 0 for n = 1.
    public var std: Double
    /// Lower bound of the Student-t 95 % interval of the mean, in `unit` (the value itself for n = 1).
    public var ci95Low: Double
    /// Upper bound of the Student-t 95 % interval of the mean, in `unit` (the value itself for n = 1).
    public var ci95High: Double
}

/// The verdict on one claim.
public struct ClaimResult: Sendable, Codable, Equatable {
    /// Reproduced, not reproduced or inconclusive (``LeptonCore/Verdict``).
    public typealias Verdict = LeptonCore.Verdict
    /// The name of the metric the claim is about.
    public var metric: String
    /// A short statement of the claim ("accuracy = 0.97 ± 0.01").
    public var statement: String
    /// The claimed value, in the metric's unit.
    public var claimed: Double
    /// Lower bound of the range that counts as reproducing the claim.
    public var acceptedLow: Double
    /// Upper bound of the range that counts as reproducing the claim.
    public var acceptedHigh: Double
    /// This run's value: the mean over replicates; nil when the metric was not recorded.
    public var reproduced: Double?
    /// Lower bound of the Student-t 95 % interval of the mean (the value for one replicate); nil when not recorded.
    public var intervalLow: Double?
    /// Upper bound of the Student-t 95 % interval of the mean (the value for one replicate); nil when not recorded.
    public var intervalHigh: Double?
    /// The number of replicate values judged; 0 when the metric was not recorded.
    public var n: Int
    /// Reproduced, not reproduced or inconclusive.
    public var verdict: Verdict
    /// Why: the computed value and how it compares, or what kept it from being judged.
    public var reason: String
    /// Where the claimed value comes from (for a check: why the target).
    public var source: String
    /// "claim" (from a source) or "check" (the project's own target); absent in old records.
    public var kind: Claim.Kind? = .claim
    /// What kind of evidence the value is (measured, modelled, arithmetic, definitional); nil
    /// when the claim did not declare it (and in records written before it existed).
    public var provenance: ProvenanceKind? = nil
    /// The provenance in one sentence: what ran, or every assumed constant with its source.
    public var provenanceDetail: String? = nil
    /// What the document claims as it prints it: a number only where it prints one, else the direction.
    public var claimedText: String? = nil
    /// The metric's unit; nil when it has none.
    public var unit: String? = nil
    /// Lepton's choices (thresholds, deadlines, sizes the document does not give), each with
    /// its sensitivity check and break-even.
    public var choices: [String]? = nil
    /// The same claim judged under other assumptions (the measured clock, a constant's range).
    public var alternatives: [AlternativeResult]? = nil
    /// The cell that recorded the metric (its report section); nil when none did.
    public var cell: String? = nil
}

/// A claim judged on another metric recorded under another assumption.
public struct AlternativeResult: Sendable, Codable, Equatable {
    /// The assumption ("measured clock").
    public var label: String
    /// The metric recorded under it.
    public var metric: String
    /// Its value (mean over replicates).
    public var value: Double
    /// The claim's verdict on that value.
    public var verdict: ClaimResult.Verdict
}

/// A resolved parameter with where its value came from.
public struct ParameterRecord: Sendable, Codable, Equatable {
    /// The parameter's name, as used with `--set`.
    public var name: String
    /// The resolved value, as written on the command line.
    public var value: String
    /// The value's type as shown to users ("integer", "number", "text", "true/false", "list of numbers").
    public var type: String
    /// The parameter's unit; nil when it has none.
    public var unit: String?
    /// Where the value came from: "default", "profile", "set" (`--set`) or "sweep" (the
    /// sweep sets it at each point; `value` then reads "swept: 4, 64").
    public var origin: ParameterOrigin
}

/// The environment a run happened in.
public struct EnvironmentRecord: Sendable, Codable, Equatable {
    /// The Lepton version that ran.
    public var leptonVersion: String
    /// The checkout's HEAD commit; nil when it could not be read.
    public var gitCommit: String?
    /// True when tracked files had uncommitted changes; nil when unknown.
    public var gitDirty: Bool?
    /// The `swift --version` line, or the compiler version the binary was built with.
    public var swiftVersion: String
    /// The operating system's name (PRETTY_NAME of /etc/os-release).
    public var os: String
    /// The CPU model name from /proc/cpuinfo, or "unknown".
    public var cpuModel: String
    /// The number of active processor cores.
    public var cores: Int
    /// The BLAS configuration and compute core in use.
    public var blas: String
    /// The number of compute threads the run used.
    public var threads: Int
    /// The machine's host name.
    public var hostname: String
    /// Checksums of the data sets the cells read, by data set name ("file=digest;…").
    public var dataChecksums: [String: String]
    /// The BLAS kernel that ran (kernel, its instruction set, who chose it, whether it is
    /// a fallback older than the CPU supports); absent in older records.
    public var blasKernel: BLASKernelReport? = nil
    /// The numerics that produced the run's bits: the numerics fingerprint and the kernel
    /// build; runs with equal fingerprints are compared exactly by `lepton check`. Absent in
    /// records written before it was kept.
    public var numerics: NumericsRecord? = nil
}

/// Which numerics a run used (docs/ARCHITECTURE.md, "Numerics").
public struct NumericsRecord: Sendable, Codable, Equatable {
    /// ``NumericsFingerprint`` of the build that ran: 16 hex digits, equal on every CPU with
    /// fused multiply-add.
    public var fingerprint: String
    /// The build of Lepton's kernels that ran ("AVX-512 (16 lanes)", "AVX2 + FMA (8 lanes)", …).
    public var kernels: String
    /// False on a CPU without fused multiply-add (the baseline build): its bits differ from
    /// every FMA CPU's, and `lepton check` compares its deterministic metrics with tolerances.
    public var fusedMultiplyAdd: Bool
}

/// The machine-readable record of a run: `results.json`. The schema is versioned and
/// documented in docs/RESULTS.md.
public struct RunRecord: Sendable, Codable, Equatable {
    /// The schema this version of Lepton writes.
    public static let schemaVersion = "lepton-results/2"
    /// The record's schema version ("lepton-results/2").
    public var schema = RunRecord.schemaVersion
    /// The experiment's id.
    public var experiment: String
    /// The experiment's title.
    public var title: String
    /// The experiment's summary.
    public var summaryText: String
    /// The run's id, `<UTC time>-<hex>`; also its folder name.
    public var runID: String
    /// When the run finished, ISO 8601.
    public var created: String
    /// The profile applied (`quick`, `full`, …); nil when none.
    public var profile: String?
    /// The base seed; replicate r used `seed + r`.
    public var seed: UInt64
    /// The number of replicates (seeds).
    public var replicates: Int
    /// Every parameter's resolved value and where it came from.
    public var parameters: [ParameterRecord]
    /// The sweep's name; nil when the experiment has none.
    public var sweepName: String?
    /// Each sweep point's parameter values as text, by parameter name.
    public var sweepPoints: [[String: String]]
    /// Every recorded metric value, per cell, sweep point and replicate.
    public var metrics: [MetricRecord]
    /// Each metric aggregated over replicates, per sweep point.
    public var summary: [MetricSummary]
    /// Every table the cells recorded.
    public var tables: [TableRecord]
    /// Every chart the cells drew.
    public var charts: [ChartRecord]
    /// The Markdown notes the cells wrote.
    public var notes: [NoteRecord]
    /// The verdict on each claim and check.
    public var claims: [ClaimResult]
    /// How each unit was obtained (ran or cached), with its wall time and cache key.
    public var cells: [CellRun]
    /// The machine, toolchain and code version the run happened on.
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
    /// The language of the report's headings ("en", "zh"); absent means English.
    public var language: String? = nil
    /// What made the run: the lab file (name, path, SHA-256) or the experiments' module;
    /// absent in older records and for experiments compiled without a source manifest.
    public var source: RunSource? = nil
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
