/// Which BLAS kernel computes Lepton's products, who chose it, and whether it is a
/// fallback (a kernel for an older instruction set than the CPU runs).
///
/// Recorded in `lepton train --json`, `lepton bench` and run records; see
/// ``BLAS/kernelReport``.
public struct BLASKernelReport: Sendable, Codable, Equatable {
    /// Who decided the kernel in use.
    public enum Chooser: String, Sendable, Codable {
        /// The BLAS library's own CPU detection, accepted as it was.
        case library
        /// `OPENBLAS_CORETYPE` set in the environment by the user or the machine (respected).
        case environment
        /// Lepton, because the library's choice was older than the CPU supports.
        case lepton
    }

    /// The kernel in use, as the library names it (`openblas_get_corename()`, e.g. "SkylakeX").
    public let kernel: String
    /// The instruction set the kernel is written for; nil for a name Lepton does not know.
    public let kernelISA: VectorISA?
    /// Who chose ``kernel``.
    public let chosenBy: Chooser
    /// What the library chose by itself at load time, when Lepton replaced it.
    public let libraryChoice: String?
    /// The value of `OPENBLAS_CORETYPE` in the environment, if any.
    public let environmentCoreType: String?
    /// The CPU's brand string.
    public let cpuModel: String
    /// The widest instruction set the CPU runs.
    public let cpuISA: VectorISA
    /// The library's build configuration (`openblas_get_config()`).
    public let library: String
    /// The build of Lepton's own kernels (direct convolution, dense inference) the CPU
    /// runs, e.g. "AVX-512 (16 lanes)"; chosen by the CPU at run time, never a fallback.
    /// Absent in older records.
    public var leptonKernels: String? = nil

    /// Creates a report (Lepton makes them with ``BLAS/kernelReport``; this is for tests and decoding).
    public init(kernel: String, kernelISA: VectorISA?, chosenBy: Chooser, libraryChoice: String?,
                environmentCoreType: String?, cpuModel: String, cpuISA: VectorISA, library: String) {
        self.kernel = kernel
        self.kernelISA = kernelISA
        self.chosenBy = chosenBy
        self.libraryChoice = libraryChoice
        self.environmentCoreType = environmentCoreType
        self.cpuModel = cpuModel
        self.cpuISA = cpuISA
        self.library = library
    }

    /// Whether the kernel is a known one for an older instruction set than the CPU runs
    /// (OpenBLAS's Prescott kernels on an AVX-512 Xeon, say).
    public var isFallback: Bool {
        guard let k = kernelISA else { return false }
        return k < cpuISA
    }

    /// A one-line description, e.g. "SkylakeX (AVX-512) on AMD EPYC (AVX-512), chosen by Lepton (OpenBLAS chose Prescott)".
    public var summary: String {
        var s = "\(kernel) (\(kernelISA.map(\.description) ?? "unknown ISA")) on \(cpuModel) (\(cpuISA))"
        switch chosenBy {
        case .library: s += ", chosen by the BLAS"
        case .environment: s += ", set by OPENBLAS_CORETYPE=\(environmentCoreType ?? "")"
        case .lepton: s += ", chosen by Lepton (the BLAS chose \(libraryChoice ?? "?"))"
        }
        if let own = leptonKernels { s += "; Lepton's kernels: \(own)" }
        return s
    }

    /// A warning to show the user when the kernel is a fallback, with what to do; nil otherwise.
    public var warning: String? {
        guard isFallback else { return nil }
        let isa = kernelISA.map(\.description) ?? "?"
        switch chosenBy {
        case .environment:
            return "BLAS kernel \(kernel) (\(isa)) is older than this CPU supports (\(cpuISA)); it was set by "
                + "OPENBLAS_CORETYPE=\(environmentCoreType ?? "") in the environment, which Lepton respects. "
                + "Unset it (if the machine does not need it) for several times faster products."
        case .library, .lepton:
            return "BLAS kernel \(kernel) (\(isa)) is older than this CPU supports (\(cpuISA)) and Lepton could not "
                + "select a better one in this library (\(library)). Products run several times slower; install a "
                + "newer OpenBLAS or set OPENBLAS_CORETYPE to a kernel for \(cpuISA) (e.g. SkylakeX or Haswell)."
        }
    }
}
