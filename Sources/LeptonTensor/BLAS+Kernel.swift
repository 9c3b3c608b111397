import CBLAS

extension BLAS {
    /// The kernel that computes every product in this process, chosen once before the
    /// first product.
    ///
    /// Debian's OpenBLAS is built for every x86 core (DYNAMIC_ARCH) and picks its kernels
    /// when it is loaded, from a table of CPU models; a CPU newer than the table gets the
    /// Prescott (SSE3) kernels, four times slower than the AVX-512 ones. So Lepton reads
    /// the CPU's instruction sets with `cpuid` and, when the library's choice is older,
    /// asks OpenBLAS to choose again with `OPENBLAS_CORETYPE` naming the right kernel
    /// (OpenBLAS's exported `gotoblas_dynamic_quit` / `gotoblas_dynamic_init`, the same
    /// path it takes at load time; no re-exec, so tests and library users get it too).
    /// An `OPENBLAS_CORETYPE` already in the environment is never overridden.
    public static var kernelReport: BLASKernelReport { selectedKernel }

    nonisolated(unsafe) static var selectedKernel: BLASKernelReport = chooseKernel(cpu: .current)

    /// OpenBLAS's kernel-table names for `isa`, best first for this vendor.
    static func candidateKernels(for cpu: CPUFeatures) -> [String] {
        let amd = cpu.vendor == "AuthenticAMD" || cpu.vendor == "HygonGenuine"
        let avx2 = amd ? ["Zen", "Haswell"] : ["Haswell", "Zen"]
        switch cpu.isa {
        case .avx512: return (cpu.hasAVX512BF16 ? ["Cooperlake", "SkylakeX"] : ["SkylakeX"]) + avx2 + ["Sandybridge"]
        case .avx2: return avx2 + ["Sandybridge"]
        case .avx: return ["Sandybridge"]
        case .baseline: return []
        }
    }

    /// The instruction set of an OpenBLAS kernel, by its `openblas_get_corename()` name;
    /// nil for a name Lepton does not know (not a known fallback).
    public static func kernelISA(named name: String) -> VectorISA? {
        switch name.lowercased() {
        case "skylakex", "cooperlake", "sapphirerapids": return .avx512
        case "haswell", "zen", "excavator": return .avx2
        case "sandybridge", "bulldozer", "piledriver", "steamroller": return .avx
        case "katmai", "coppermine", "northwood", "prescott", "banias", "atom", "core2", "penryn", "dunnington",
             "nehalem", "athlon", "opteron", "opteron_sse3", "barcelona", "nano", "bobcat", "generic":
            return .baseline
        default: return nil
        }
    }

    /// Checks the library's kernel against `cpu` and, when it is a fallback and the
    /// environment does not set one, selects the best kernel the library has. Must run
    /// before any product (it does: ``gemm`` reads ``kernelReport`` first).
    static func chooseKernel(cpu: CPUFeatures) -> BLASKernelReport {
        let env = getenvString("OPENBLAS_CORETYPE")
        let own = libraryCoreName
        func report(_ by: BLASKernelReport.Chooser, libraryChoice: String? = nil) -> BLASKernelReport {
            let k = libraryCoreName
            var r = BLASKernelReport(kernel: k, kernelISA: kernelISA(named: k), chosenBy: by, libraryChoice: libraryChoice,
                                     environmentCoreType: env, cpuModel: cpu.model, cpuISA: cpu.isa, library: configuration)
            r.leptonKernels = DirectConvolution.instructionSet
            return r
        }
        if let env, !env.isEmpty { return report(.environment) }
        guard let ownISA = kernelISA(named: own), ownISA < cpu.isa else { return report(.library) }
        for name in candidateKernels(for: cpu) where (kernelISA(named: name) ?? .baseline) > ownISA {
            guard lepton_openblas_has_core_table("gotoblas_" + name.uppercased()) != 0,
                  lepton_openblas_reselect_core(name) != 0 else { continue }
            if let now = kernelISA(named: libraryCoreName), now > ownISA { return report(.lepton, libraryChoice: own) }
            _ = lepton_openblas_reselect_core(nil)     // not taken: back to the library's own choice
        }
        return report(.library)
    }

    /// Makes OpenBLAS select `name` (or, for nil, its own choice) and records the result,
    /// as if the library had chosen it at load time. For tests that simulate a fallback.
    @discardableResult
    static func forceKernel(_ name: String?) -> String {
        _ = lepton_openblas_reselect_core(name)
        return libraryCoreName
    }

    private static func getenvString(_ name: String) -> String? {
        guard let v = getenv(name) else { return nil }
        return String(cString: v)
    }
}
