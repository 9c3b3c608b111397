import ArgumentParser
import Foundation
import LeptonLab

/// A message for the user, printed as "Error: …" without the command's usage.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Which recorded runs a command works on: the store (the lab's `Reports/` or the one
/// named), an experiment's history, optionally only the runs of one lab file (`--source`,
/// set when the command was given `lab3.swift`), and what to say when runs of several
/// sources share one experiment name.
enum RunSelection {
    /// The store in `reports`, or the default reports folder.
    static func store(_ reports: String?) -> RunStore {
        RunStore(root: reports.map { URL(fileURLWithPath: $0) } ?? RunOptions.defaultReports)
    }

    /// The runs of `experiment`, oldest first; only those made from `source` (a lab file's
    /// path) when it is given.
    static func history(_ store: RunStore, experiment: String, source: String?) -> [RunStore.HistoryEntry] {
        let all = store.history(experiment: experiment)
        guard let source else { return all }
        return all.filter { $0.source?.key == source }
    }

    /// A warning when `entries` come from more than one source, naming them and how to
    /// pick one; nil when they all share one.
    static func mixedSources(_ entries: [RunStore.HistoryEntry], experiment: String) -> String? {
        var counts: [String: Int] = [:]
        var labels: [String: String] = [:]
        for e in entries {
            let key = e.source?.key ?? "unknown"
            counts[key, default: 0] += 1
            labels[key] = e.source.map { $0.file ?? $0.label } ?? "unrecorded source"
        }
        guard counts.count > 1 else { return nil }
        let list = counts.keys.sorted().map { "\(labels[$0] ?? $0) (\(counts[$0] ?? 0) run\(counts[$0] == 1 ? "" : "s"), \($0))" }
        return "runs of \(experiment) come from \(counts.count) sources: \(list.joined(separator: "; ")); "
            + "name the lab file instead of the experiment (`lepton runs lab3.swift`) to keep to one"
    }

    /// `reference` as the store knows it: "@lab" (a lab file whose only experiment's id is
    /// not a string literal, handed over by the launcher) becomes that experiment's id.
    static func resolve(_ reference: String) throws -> String {
        reference == "@lab" ? try ExperimentLookup.find(reference).id : reference
    }

    /// How to run `record`'s experiment again from here: the lab file when it came from one.
    static func runCommand(_ record: RunRecord) -> String {
        if let file = record.source?.path {
            let cwd = FileManager.default.currentDirectoryPath
            let shown = URL(fileURLWithPath: file).deletingLastPathComponent().path == cwd ? URL(fileURLWithPath: file).lastPathComponent : file
            return "lepton run \(shown)"
        }
        return "lepton run \(record.experiment)"
    }

    /// What names the experiment in a hint: the lab file when the run came from one.
    static func name(_ record: RunRecord) -> String {
        if let file = record.source?.path {
            let cwd = FileManager.default.currentDirectoryPath
            return URL(fileURLWithPath: file).deletingLastPathComponent().path == cwd ? URL(fileURLWithPath: file).lastPathComponent : file
        }
        return record.experiment
    }
}
