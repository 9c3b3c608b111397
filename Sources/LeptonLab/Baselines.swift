import Foundation
import LeptonInput

/// Committed baselines: `<reports>/baselines/<experiment>/<profile>/<host class>.json`,
/// each a copy of a trusted run's `results.json`, plus an optional
/// `<reports>/baselines/thresholds.json` (`{"<experiment>": [Threshold, …]}`) whose entries
/// take precedence over the thresholds declared in the experiment.
public struct Baselines: Sendable {
    /// The baselines folder, `<reports>/baselines`.
    public let root: URL

    /// Baselines under `<reports>/baselines`.
    public init(reports: URL) { root = reports.appendingPathComponent("baselines") }

    /// "amd-epyc-2c": the CPU vendor and family and the core count, so baselines with
    /// measured values are only compared on like machines.
    public static var hostClass: String {
        hostClass(cpuModel: Environment.cpuModel, cores: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The host class a run was recorded on.
    public static func hostClass(of environment: EnvironmentRecord) -> String {
        hostClass(cpuModel: environment.cpuModel, cores: environment.cores)
    }

    static func hostClass(cpuModel: String, cores: Int) -> String {
        let words = cpuModel.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).prefix(2).map(String.init)
        return (words.isEmpty ? ["unknown"] : words).joined(separator: "-") + "-\(cores)c"
    }

    /// The baseline for `experiment` and `profile`: this host class's if there is one,
    /// else another host class's (sorted by name), whose metrics are then compared under
    /// cross-machine rules. Nil when the profile has no baseline at all.
    public func find(experiment: String, profile: String?) -> URL? {
        let own = path(experiment: experiment, profile: profile)
        if FileManager.default.fileExists(atPath: own.path) { return own }
        let folder = own.deletingLastPathComponent()
        let others = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return others.first.map { folder.appendingPathComponent($0) }
    }

    /// Where the baseline for a run of `experiment` with `profile` on this host class lives.
    public func path(experiment: String, profile: String?) -> URL {
        root.appendingPathComponent(experiment).appendingPathComponent(profile ?? "default")
            .appendingPathComponent("\(Baselines.hostClass).json")
    }

    /// Saves `record` as the baseline for its experiment and profile.
    @discardableResult
    public func save(_ record: RunRecord) throws -> URL {
        let url = path(experiment: record.experiment, profile: record.profile)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try RunStore.encode(record).write(to: url, options: .atomic)
        return url
    }

    /// One baseline from several runs of the same experiment and profile: their metrics
    /// become replicates of one record (latency samples pool), so a baseline does not rest
    /// on one process's luck on a noisy machine. The newest run supplies everything else.
    public static func pool(_ records: [RunRecord]) -> RunRecord? {
        guard var pooled = records.last else { return nil }
        var metrics: [MetricRecord] = []
        var offset = 0
        for r in records {
            for var m in r.metrics {
                m.replicate += offset
                metrics.append(m)
            }
            offset += max(r.replicates, 1)
        }
        pooled.metrics = metrics
        pooled.replicates = offset
        pooled.summary = RunRecordBuilder.summarize(metrics)
        if records.count > 1 {
            pooled.runID = records.map(\.runID).joined(separator: "+")
        }
        return pooled
    }

    /// Thresholds from `thresholds.json` for `experiment` (empty when the file is absent).
    public func thresholds(experiment: String) throws(LabError) -> [Threshold] {
        let url = root.appendingPathComponent("thresholds.json")
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        do {
            let data = try CheckedJSON.read(url)
            return try CheckedJSON.decode([String: [Threshold]].self, from: data, file: url.path,
                                          options: .init(nonFiniteStrings: true)).value[experiment] ?? []
        } catch {
            throw .storage(path: error.place, reason: error.detail + " (a thresholds file is {\"experiment\": [{\"metric\": …, \"relative\": …}]})")
        }
    }
}
