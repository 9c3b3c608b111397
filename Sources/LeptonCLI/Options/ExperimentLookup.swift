import ArgumentParser
import Foundation
import LeptonLab

/// Finds experiments in the catalogue the CLI was started with.
enum ExperimentLookup {
    static func find(_ name: String) throws -> Experiment {
        if name == "@lab" {      // a lab file's only experiment (LabLauncher)
            guard LeptonCLI.experiments.count == 1, let only = LeptonCLI.experiments.first else {
                throw ValidationError("this lab file declares several experiments (\(LeptonCLI.experiments.map(\.id).joined(separator: ", "))): "
                    + "name one after the command instead of the file, or use `run FILE --all`")
            }
            return only
        }
        guard let e = LeptonCLI.experiments.first(where: { $0.id == name }) else {
            throw LabError.unknownExperiment(name: name, suggestion: Suggestion.closest(to: name, in: LeptonCLI.experiments.map(\.id)), known: LeptonCLI.experiments.map(\.id))
        }
        return e
    }
}

/// Options shared by `run`, `collect` and `reproduce`.
struct RunFlags: ParsableArguments {
    @Option(help: "Profile to apply (e.g. quick, full).") var profile: String?
    @Option(name: .customLong("set"), help: ArgumentHelp("Set a parameter: --set name=value (repeatable).", valueName: "name=value"))
    var overrides: [String] = []
    @Option(help: "Base seed; replicate r uses seed + r.") var seed: UInt64 = 1
    @Option(help: "Number of seeds (replicates), overriding the experiment's Seeds(k).") var seeds: Int?
    @Option(help: "Compute threads (OpenBLAS and Lepton's kernels).") var threads = RunOptions.defaultThreads
    @Flag(help: "Run every cell, ignoring the cache.") var noCache = false
    @Option(help: "Reports folder (default: $LEPTON_REPORTS; in a lab's folder its Reports/; in the checkout its Reports/).") var reports: String?

    func options(point: Int? = nil) -> RunOptions {
        var options = RunOptions(profile: profile, overrides: overrides, seed: seed, replicates: seeds, useCache: !noCache, point: point,
                                 threads: threads, reports: reports.map { URL(fileURLWithPath: $0) } ?? RunOptions.defaultReports)
        options.identity = LeptonCLI.identity
        return options
    }

    /// The line `run --all` and `reproduce` print before each experiment; an experiment
    /// without the `--profile` asked for runs its defaults, and the line says so.
    static func batchHeading(_ experiment: Experiment, profile: String?) -> String {
        guard let p = profile, !experiment.hasProfile(p) else { return "== \(experiment.id)" }
        return "== \(experiment.id) (it has no profile '\(p)': running its defaults)"
    }

    /// The same flags as command-line arguments, for child processes.
    var arguments: [String] {
        var a: [String] = []
        if let p = profile { a += ["--profile", p] }
        for o in overrides { a += ["--set", o] }
        a += ["--seed", String(seed), "--threads", String(threads)]
        if let s = seeds { a += ["--seeds", String(s)] }
        if noCache { a.append("--no-cache") }
        if let r = reports { a += ["--reports", r] }
        return a
    }
}
