import Foundation
import LeptonCore
import LeptonInput
import LeptonReport

/// Where runs live: `<reports>/<experiment>/<run-id>/` with `results.json`,
/// `report.html` and `charts/*.png`, plus `<reports>/<experiment>/history.jsonl`.
///
/// A run is assembled in `<reports>/.staging/<experiment>-<run-id>-<pid>/` and renamed
/// into place only when complete, so an interrupted run never leaves a partial folder;
/// staging folders of dead processes are removed on the next start.
public struct RunStore: Sendable {
    /// The reports folder.
    public let root: URL

    /// The language of the reports' headings (`lepton run --lang zh`), recorded in each
    /// run's results.json so a rebuilt report keeps it.
    public var language: ReportLanguage

    /// A store in `root` whose reports have headings in `language`.
    public init(root: URL, language: ReportLanguage = .en) {
        self.root = root
        self.language = language
    }

    /// The folder of a finished run.
    public func folder(experiment: String, runID: String) -> URL {
        root.appendingPathComponent(experiment).appendingPathComponent(runID)
    }

    /// Writes the run (results, charts, report) and appends it to the history; returns its folder.
    @discardableResult
    public func write(_ result: RunResult) throws -> URL {
        let fm = FileManager.default
        var record = result.record
        let staging = root.appendingPathComponent(".staging")
            .appendingPathComponent("\(record.experiment)-\(record.runID)-\(CacheOwner.current.tag)")
        RunStore.activeStaging = staging.path
        defer { RunStore.activeStaging = nil }
        do {
            try fm.createDirectory(at: staging.appendingPathComponent("charts"), withIntermediateDirectories: true)
            for o in result.outputs {
                for (file, png) in o.output.images {
                    try png.write(to: staging.appendingPathComponent("charts").appendingPathComponent(file))
                }
            }
            let past = history(experiment: record.experiment).filter { $0.profile == record.profile }
            record.history = Array((past + [HistoryEntry(record, folder: record.runID)]).suffix(30))
            record.language = language == .en ? nil : language.rawValue
            try RunStore.encode(record).write(to: staging.appendingPathComponent("results.json"))
            try ReportBuilder(record: record, folder: staging).build().write(to: staging.appendingPathComponent("report.html"))
            try Data(ResultsCSV.text(record).utf8).write(to: staging.appendingPathComponent("results.csv"))
            let final = folder(experiment: record.experiment, runID: record.runID)
            try fm.createDirectory(at: final.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.moveItem(at: staging, to: final)
            try appendHistory(record, folder: final)
            return final
        } catch {
            try? fm.removeItem(at: staging)
            if let e = error as? ReportError { throw LabError.storage(path: staging.path, reason: e.description) }
            throw LabError.storage(path: staging.path, reason: error.localizedDescription)
        }
    }

    /// The path of the staging folder being written, for signal handlers to remove.
    nonisolated(unsafe) public static var activeStaging: String?

    /// Rewrites `report.html` of a run folder from its results.json and charts alone.
    @discardableResult
    public func rebuildReport(in folder: URL) throws -> URL {
        let record = try read(folder)
        let target = folder.appendingPathComponent("report.html")
        do {
            try ReportBuilder(record: record, folder: folder).build().write(to: target)
        } catch {
            throw LabError.storage(path: target.path, reason: "cannot write the report: \(error)")
        }
        return target
    }

    /// Removes staging folders of this host whose process is gone (never another host's:
    /// on a shared file system its process ids mean nothing here).
    public func sweepStaleStaging() {
        let fm = FileManager.default
        let staging = root.appendingPathComponent(".staging")
        guard let entries = try? fm.contentsOfDirectory(atPath: staging.path) else { return }
        for e in entries where CacheOwner.isDeadLocalOwner(inName: e) {
            try? fm.removeItem(at: staging.appendingPathComponent(e))
        }
    }

    /// One line per run, oldest first.
    public struct HistoryEntry: Codable, Sendable, Equatable {
        /// The run's id, `<UTC time>-<hex>`.
        public var runID: String
        /// When the run finished, ISO 8601.
        public var created: String
        /// The profile applied; nil when none.
        public var profile: String?
        /// The run's base seed.
        public var seed: UInt64
        /// The checkout's commit the run was made from; nil when unknown.
        public var gitCommit: String?
        /// The run's folder name under the experiment's reports folder.
        public var folder: String
        /// Replicate means of the metrics outside the sweep, by metric name.
        public var metrics: [String: Double]
        /// The number of replicates (seeds); nil in entries written before it was kept.
        public var replicates: Int? = nil
        /// Every parameter's value as recorded ("swept: 4, 64" for a swept one), by name;
        /// nil in older entries.
        public var parameters: [String: String]? = nil
        /// The parameters given with `--set`, as `name=value`; nil in older entries.
        public var set: [String]? = nil
        /// Each claim's and check's verdict, in declaration order; nil in older entries.
        public var verdicts: [String]? = nil
        /// What made the run (lab file or module); nil in older entries.
        public var source: RunSource? = nil

        /// The entry of `record`, whose run lives in `folder` (its name under the experiment).
        init(_ record: RunRecord, folder: String) {
            runID = record.runID
            created = record.created
            profile = record.profile
            seed = record.seed
            gitCommit = record.environment.gitCommit
            self.folder = folder
            metrics = Dictionary(record.summary.filter { $0.point == nil }.map { ($0.name, $0.mean) }, uniquingKeysWith: { a, _ in a })
            replicates = record.replicates
            parameters = Dictionary(record.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
            set = record.parameters.filter { $0.origin == .set }.map { "\($0.name)=\($0.value)" }
            verdicts = record.claims.map(\.verdict.rawValue)
            source = record.source
        }

        /// What must match for runs to be charted as one trend: the profile, every
        /// parameter's value and the number of seeds (the base seed may differ: runs with
        /// other seeds are the run-to-run variation a trend's band is made of).
        public var settings: String {
            let values = (parameters ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            return "profile \(profile ?? "default"), \(values.isEmpty ? "no parameters" : values)"
                + ((replicates ?? 1) > 1 ? ", \(replicates ?? 1) seeds" : "")
        }
    }

    /// Appends one line under an exclusive lock, with a single write of the whole line, so
    /// runs finishing at the same moment each keep their entry.
    private func appendHistory(_ record: RunRecord, folder: URL) throws {
        let url = root.appendingPathComponent(record.experiment).appendingPathComponent("history.jsonl")
        var line = try LabJSON.encoder().encode(HistoryEntry(record, folder: folder.lastPathComponent))
        line.append(UInt8(ascii: "\n"))
        let fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else { throw LabError.storage(path: url.path, reason: "cannot open for appending: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw LabError.storage(path: url.path, reason: "cannot lock: \(String(cString: strerror(errno)))") }
        defer { flock(fd, LOCK_UN) }
        let written = line.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == line.count else { throw LabError.storage(path: url.path, reason: "short write while appending the run") }
    }

    /// The recorded runs of `experiment`, oldest first.
    public func history(experiment: String) -> [HistoryEntry] {
        let url = root.appendingPathComponent(experiment).appendingPathComponent("history.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let decoder = LabJSON.decoder()
        return text.split(separator: "\n").compactMap { try? decoder.decode(HistoryEntry.self, from: Data($0.utf8)) }
    }

    /// Finds a run by folder path, run id, or "latest"/experiment name (its newest run).
    public func locate(_ reference: String) throws(LabError) -> URL {
        let fm = FileManager.default
        let direct = URL(fileURLWithPath: reference)
        if fm.fileExists(atPath: direct.appendingPathComponent("results.json").path) { return direct }
        guard let experiments = try? fm.contentsOfDirectory(atPath: root.path) else {
            throw .storage(path: root.path, reason: "no runs recorded yet; run `lepton run NAME` first")
        }
        for e in experiments.sorted() where !e.hasPrefix(".") {
            let candidate = root.appendingPathComponent(e).appendingPathComponent(reference)
            if fm.fileExists(atPath: candidate.appendingPathComponent("results.json").path) { return candidate }
        }
        if experiments.contains(reference), let last = history(experiment: reference).last {
            return root.appendingPathComponent(reference).appendingPathComponent(last.folder)
        }
        throw .storage(path: reference, reason: "no run with this id, folder or experiment name under \(root.path)")
    }

    /// Reads a run's `results.json`, checked as docs/INPUTS.md describes (file:line:column,
    /// field path, expected vs found; unknown keys refused).
    public func read(_ folder: URL) throws(LabError) -> RunRecord {
        let url = folder.appendingPathComponent("results.json")
        do {
            return try RunStore.decode(try CheckedJSON.read(url), file: url.path)
        } catch {
            throw .storage(path: error.place, reason: error.detail)
        }
    }

    /// Reads a record written by ``encode(_:)``: strict JSON under ``LabJSON``'s policy
    /// ("NaN"/"Infinity" strings, ISO 8601 dates); a key no record has is refused with the
    /// nearest one, so a hand-edited baseline cannot silently lose a field.
    public static func decode(_ data: Data, file: String = "results.json") throws(InputProblem) -> RunRecord {
        try CheckedJSON.decode(RunRecord.self, from: data, file: file, options: .init(nonFiniteStrings: true)).value
    }

    /// The canonical JSON of a record (``LabJSON``, pretty-printed).
    public static func encode(_ record: RunRecord) throws -> Data {
        try LabJSON.encoder(pretty: true).encode(record)
    }
}
