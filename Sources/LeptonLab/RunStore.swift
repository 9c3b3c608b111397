import Foundation
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

    /// A store in `root`.
    public init(root: URL) { self.root = root }

    /// The folder of a finished run.
    public func folder(experiment: String, runID: String) -> URL {
        root.appendingPathComponent(experiment).appendingPathComponent(runID)
    }

    /// Writes the run (results, charts, report) and appends it to the history; returns its folder.
    @discardableResult
    public func write(_ result: RunResult) throws -> URL {
        let fm = FileManager.default
        let record = result.record
        let staging = root.appendingPathComponent(".staging")
            .appendingPathComponent("\(record.experiment)-\(record.runID)-\(getpid())")
        RunStore.activeStaging = staging.path
        defer { RunStore.activeStaging = nil }
        do {
            try fm.createDirectory(at: staging.appendingPathComponent("charts"), withIntermediateDirectories: true)
            for o in result.outputs {
                for (file, png) in o.output.images {
                    try png.write(to: staging.appendingPathComponent("charts").appendingPathComponent(file))
                }
            }
            try RunStore.encode(record).write(to: staging.appendingPathComponent("results.json"))
            var metrics: [String: Double] = [:]
            for s in record.summary where s.point == nil { metrics[s.name] = s.mean }
            let current = HistoryEntry(runID: record.runID, created: record.created, profile: record.profile, seed: record.seed,
                                       gitCommit: record.environment.gitCommit, folder: record.runID, metrics: metrics)
            let past = history(experiment: record.experiment).filter { $0.profile == record.profile }
            let report = ReportBuilder(result: result, history: past + [current]).build()
            try report.write(to: staging.appendingPathComponent("report.html"))
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

    /// Removes staging folders whose process is gone.
    public func sweepStaleStaging() {
        let fm = FileManager.default
        let staging = root.appendingPathComponent(".staging")
        guard let entries = try? fm.contentsOfDirectory(atPath: staging.path) else { return }
        for e in entries {
            if let pid = e.split(separator: "-").last.flatMap({ Int32($0) }), pid != getpid(), kill(pid, 0) == 0 { continue }
            try? fm.removeItem(at: staging.appendingPathComponent(e))
        }
    }

    /// One line per run, oldest first.
    public struct HistoryEntry: Codable, Sendable {
        public var runID: String
        public var created: String
        public var profile: String?
        public var seed: UInt64
        public var gitCommit: String?
        public var folder: String
        public var metrics: [String: Double]
    }

    private func appendHistory(_ record: RunRecord, folder: URL) throws {
        let url = root.appendingPathComponent(record.experiment).appendingPathComponent("history.jsonl")
        var metrics: [String: Double] = [:]
        for s in record.summary where s.point == nil { metrics[s.name] = s.mean }
        let entry = HistoryEntry(runID: record.runID, created: record.created, profile: record.profile, seed: record.seed,
                                 gitCommit: record.environment.gitCommit, folder: folder.lastPathComponent, metrics: metrics)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        text += String(decoding: try encoder.encode(entry), as: UTF8.self) + "\n"
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    /// The recorded runs of `experiment`, oldest first.
    public func history(experiment: String) -> [HistoryEntry] {
        let url = root.appendingPathComponent(experiment).appendingPathComponent("history.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(HistoryEntry.self, from: Data($0.utf8)) }
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

    /// Reads a run's `results.json`.
    public func read(_ folder: URL) throws(LabError) -> RunRecord {
        let url = folder.appendingPathComponent("results.json")
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .storage(path: url.path, reason: "cannot be read")
        }
        do { return try RunStore.decode(data) } catch {
            throw .storage(path: url.path, reason: "is not a \(RunRecord.schemaVersion) record: \(error)")
        }
    }

    /// Reads a record written by ``encode(_:)``.
    public static func decode(_ data: Data) throws -> RunRecord {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(RunRecord.self, from: data)
    }

    /// The canonical JSON of a record (sorted keys, pretty-printed).
    public static func encode(_ record: RunRecord) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(record)
    }
}
