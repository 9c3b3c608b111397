import ArgumentParser
import LeptonLab

/// The options every compute command shares, declared once: compute threads, the seed and
/// JSON output (`lepton train`, `evaluate`, `predict`, `bench`).
struct CommonOptions: ParsableArguments {
    @Option(help: "Compute threads (OpenBLAS and Lepton's kernels).")
    var threads = RunOptions.defaultThreads
    @Option(help: "Seed for weights, shuffling and dropout.")
    var seed: UInt64 = 1
    @Flag(help: "Print one JSON object with the results on standard output.")
    var json = false

    func validate() throws {
        try checkThreads(threads)
    }

    /// Applies the thread count and shows the kernel warning, if any, on standard error.
    func applyCompute() {
        if let warning = ComputeSetup.use(threads: threads) { Terminal.note("warning: " + warning) }
    }
}
