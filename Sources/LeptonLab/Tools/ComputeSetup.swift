import LeptonTensor

/// The compute settings a command applies before it works: threads for OpenBLAS and
/// Lepton's kernels, and what to say about the kernels chosen.
public enum ComputeSetup {
    /// Uses `threads` compute threads; returns the kernel warning to show, if any (an
    /// OpenBLAS core that does not match the CPU, for instance).
    @discardableResult
    public static func use(threads: Int) -> String? {
        ComputeThreads.set(threads)
        return BLAS.kernelReport.warning
    }

    /// One line on the BLAS kernel in use ("OpenBLAS 0.3.26 Haswell …").
    public static var kernelSummary: String { BLAS.kernelReport.summary }
}
