import ArgumentParser
import Foundation
import LeptonLab

/// `lepton golden check|write`: the committed bits of every shipped experiment's quick profile.
struct GoldenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "golden",
        abstract: "Check (or write) the golden digests: the bits of every shipped experiment's quick profile.",
        discussion: """
            Reads the newest run of each shipped experiment made with --profile quick, seed 1 and no \
            --set, and compares each deterministic metric, claim verdict and artifact digest (seed-cnn's \
            trained weights among them) with the committed file, naming the first differing value per \
            experiment. Same numerics fingerprint, same bits: the check is exact. Regenerate with \
            `\(GoldenDigests.regenerate)` and commit Tests/Golden/quick.json (docs/ARCHITECTURE.md, "Numerics").
            """)

    enum Action: String, ExpressibleByArgument, CaseIterable { case check, write }

    @Argument(help: "check (default) or write.") var action: Action = .check
    @Option(help: "Reports folder holding the runs (default: $LEPTON_REPORTS, else the package's Reports/).") var reports: String?
    @Option(help: "The golden file (default: the package's Tests/Golden/quick.json).") var file: String?
    @Option(name: .customLong("experiment"),
            help: "Check only this experiment (repeatable; default: every shipped one), e.g. on an emulated CPU.")
    var only: [String] = []

    func run() throws {
        let store = RunStore(root: reports.map { URL(fileURLWithPath: $0) } ?? RunOptions.defaultReports)
        guard let url = file.map({ URL(fileURLWithPath: $0) }) ?? LeptonVersion.packageRoot?
            .appendingPathComponent("Tests/Golden/quick.json") else {
            throw ValidationError("no package checkout is known to this lepton: name the golden file with --file")
        }
        let known = Set(LeptonCLI.experiments.map(\.id))
        if let unknown = only.first(where: { !known.contains($0) }) {
            throw ValidationError("--experiment \(unknown) is not a shipped experiment; `lepton list` names them")
        }
        if action == .write && !only.isEmpty {
            throw ValidationError("--experiment only restricts `golden check`; `golden write` records every shipped experiment")
        }
        var records: [RunRecord] = []
        var missing: [String] = []
        for experiment in LeptonCLI.experiments where only.isEmpty || only.contains(experiment.id) {
            let entry = store.history(experiment: experiment.id).last { $0.profile == "quick" && $0.seed == 1 }
            guard let entry else { missing.append(experiment.id); continue }
            let record = try store.read(store.root.appendingPathComponent(experiment.id).appendingPathComponent(entry.folder))
            if let set = record.parameters.first(where: { $0.origin == .set }) {
                throw ValidationError("the newest quick run of \(experiment.id) (\(record.runID)) sets \(set.name) with --set; "
                    + "run `lepton run \(experiment.id) --profile quick` without --set first")
            }
            records.append(record)
        }
        guard missing.isEmpty else {
            throw ValidationError("no quick run with seed 1 of \(missing.joined(separator: ", ")) under \(store.root.path); "
                + "run `lepton run --all --profile quick` first")
        }
        switch action {
        case .write:
            let golden = GoldenDigests(records: records)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try LabJSON.encoder(pretty: true).encode(golden).write(to: url, options: .atomic)
            print("wrote \(url.path): \(golden.experiments.count) experiments, numerics \(golden.recordedOn.fingerprint) "
                + "(\(golden.recordedOn.kernels), \(golden.recordedOn.cpuModel), \(golden.recordedOn.threads) threads)")
        case .check:
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw ValidationError("\(url.path) cannot be read; write it with `\(GoldenDigests.regenerate)`")
            }
            var golden: GoldenDigests
            do { golden = try LabJSON.decoder().decode(GoldenDigests.self, from: data) } catch {
                throw ValidationError("\(url.path) is not a \(GoldenDigests.schemaVersion) file (\(error)); write it again with `\(GoldenDigests.regenerate)`")
            }
            if !only.isEmpty { golden.experiments.removeAll { !only.contains($0.experiment) } }
            let here = records.first?.environment.numerics
            if let h = here, h.fingerprint != golden.recordedOn.fingerprint {
                if !h.fusedMultiplyAdd || !golden.recordedOn.fusedMultiplyAdd {
                    print("golden: not compared: these runs used \(h.kernels) (numerics \(h.fingerprint)), the golden file "
                        + "\(golden.recordedOn.kernels) (numerics \(golden.recordedOn.fingerprint)); one has no fused multiply-add, so "
                        + "other bits are expected, and `lepton check` compares deterministic metrics with thresholds instead")
                    return
                }
                print("golden: this CPU has fused multiply-add but its numerics fingerprint \(h.fingerprint) (\(h.kernels)) is not "
                    + "the golden file's \(golden.recordedOn.fingerprint) (\(golden.recordedOn.kernels)): Lepton's kernels broke the "
                    + "promise of the same bits on every FMA CPU here — a bug to report, with `lepton train --json`'s kernel report")
            }
            let differences = golden.differences(from: records)
            if differences.isEmpty && here?.fingerprint == golden.recordedOn.fingerprint {
                let which = golden.experiments.count == 1 ? "\(golden.experiments[0].experiment) has"
                    : "all \(golden.experiments.count) experiments have"
                print("golden: \(which) the committed bits "
                    + "(recorded on \(golden.recordedOn.cpuModel), \(golden.recordedOn.kernels), numerics \(golden.recordedOn.fingerprint); "
                    + "here \(here?.kernels ?? "unknown"), numerics \(here?.fingerprint ?? "unknown"), \(records.first?.environment.threads ?? 0) threads)")
                return
            }
            for d in differences { print("golden: \(d)") }
            if differences.isEmpty { throw ExitCode(1) }
            print("golden: \(differences.count) of \(golden.experiments.count) experiments differ; if the change is deliberate, "
                + "regenerate with `\(GoldenDigests.regenerate)` and commit Tests/Golden/quick.json")
            throw ExitCode(1)
        }
    }
}
