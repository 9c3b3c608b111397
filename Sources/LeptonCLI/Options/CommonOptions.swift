import ArgumentParser
import LeptonLab

/// The options every compute command shares, declared once: compute threads, the seed and
/// JSON output (`lepton train`, `evaluate`, `predict`, `bench`).
struct CommonOptions: ParsableArguments {
    @Option(help: "Compute threads (OpenBLAS and Lepton's kernels).")
    var threads = RunOptions.defaultThreads
    @Option(help: "Seed for weights, shuffling and dropout (default: 1; for commands that draw random numbers).")
    var seed: UInt64?
    @Flag(help: "Print one JSON object with the results on standard output.")
    var json = false

    func validate() throws {
        try checkThreads(threads)
    }

    /// The seed (1 unless given).
    var seedValue: UInt64 { seed ?? 1 }

    /// Refuses `--seed` for a command that draws no random numbers, rather than ignoring it.
    func refuseSeed(_ command: String) throws {
        if let seed {
            throw ValidationError("--seed \(seed) has no effect on `lepton \(command)`: it draws no random numbers (the model file fixes the weights)")
        }
    }

    /// Applies the thread count and shows the kernel warning, if any, on standard error.
    func applyCompute() {
        if let warning = ComputeSetup.use(threads: threads) { Terminal.note("warning: " + warning) }
    }
}
