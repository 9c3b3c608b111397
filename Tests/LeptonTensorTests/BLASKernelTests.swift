import Foundation
import XCTest
@testable import LeptonTensor

final class BLASKernelTests: XCTestCase {
    private var userCoreType: String? { ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] }

    /// Acceptance: with no OPENBLAS_CORETYPE from the user, the kernel in use is never a
    /// known fallback (e.g. Prescott on an AVX2 or AVX-512 CPU).
    func testKernelInUseIsNotAKnownFallback() throws {
        if let v = userCoreType {
            throw XCTSkip("OPENBLAS_CORETYPE=\(v) is set in the environment; Lepton respects it")
        }
        let report = BLAS.kernelReport
        XCTAssertFalse(report.isFallback, "fallback kernel: \(report.summary)")
        XCTAssertNil(report.warning)
        XCTAssertEqual(report.kernel, BLAS.coreName)
        if CPUFeatures.current.isa >= .avx2 {
            XCTAssertNotEqual(report.kernelISA, .baseline, report.summary)
        }
    }

    /// Lepton's own kernels (direct convolution, dense inference) run the build for this
    /// CPU's instruction set — AVX-512 where cpuid and the OS allow it, else AVX2 + FMA — and
    /// the report says which.
    func testLeptonKernelsUseTheWidestBuildTheCPURuns() {
        let own = DirectConvolution.instructionSet
        XCTAssertEqual(BLAS.kernelReport.leptonKernels, own)
        switch CPUFeatures.current.isa {
        case .avx512: XCTAssertEqual(own, "AVX-512 (16 lanes)")
        case .avx2: XCTAssertEqual(own, "AVX2 + FMA (8 lanes)")
        default: break
        }
    }

    /// The library is made to fall back to Prescott (as Debian's OpenBLAS 0.3.21 does on
    /// Sapphire Rapids); the check must then select a kernel for this CPU's instruction set.
    func testSimulatedPrescottFallbackIsReplaced() throws {
        try XCTSkipIf(userCoreType != nil, "OPENBLAS_CORETYPE is set in the environment")
        try XCTSkipIf(CPUFeatures.current.isa < .avx, "this CPU has no kernel better than Prescott")
        defer { BLAS.forceKernel(nil); BLAS.selectedKernel = BLAS.chooseKernel(cpu: .current) }
        try XCTSkipIf(BLAS.forceKernel("Prescott") != "Prescott", "this BLAS cannot switch kernels (not a DYNAMIC_ARCH OpenBLAS)")
        let report = BLAS.chooseKernel(cpu: .current)
        XCTAssertEqual(report.chosenBy, .lepton, report.summary)
        XCTAssertEqual(report.libraryChoice, "Prescott")
        XCTAssertFalse(report.isFallback, report.summary)
        XCTAssertEqual(report.kernelISA, CPUFeatures.current.isa, report.summary)
        XCTAssertEqual(BLAS.coreName, report.kernel)
        XCTAssertNil(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"], "the environment must be restored")
        // Products are right under the new kernel.
        let a: [Float] = [1, 2, 3, 4, 5, 6], b: [Float] = [1, 0, -1, 2, 0.5, 1]
        var c = [Float](repeating: 0, count: 4)
        BLAS.gemm(.none, .none, m: 2, n: 2, k: 3, a: a, aCount: 6, lda: 3, b: b, bCount: 6, ldb: 2, c: &c, cCount: 4, ldc: 2)
        let expected: [Float] = [0.5, 7, 2, 16]     // [1 2 3; 4 5 6] · [1 0; -1 2; 0.5 1]
        XCTAssertEqual(c, expected)
    }

    /// A kernel set through OPENBLAS_CORETYPE is kept even when it is a fallback, and the
    /// report says so and warns.
    func testEnvironmentCoreTypeIsRespected() throws {
        try XCTSkipIf(userCoreType != nil, "OPENBLAS_CORETYPE is set in the environment")
        defer {
            unsetenv("OPENBLAS_CORETYPE")
            BLAS.forceKernel(nil)
            BLAS.selectedKernel = BLAS.chooseKernel(cpu: .current)
        }
        try XCTSkipIf(BLAS.forceKernel("Prescott") != "Prescott", "this BLAS cannot switch kernels")
        setenv("OPENBLAS_CORETYPE", "Prescott", 1)
        let report = BLAS.chooseKernel(cpu: .current)
        XCTAssertEqual(report.chosenBy, .environment)
        XCTAssertEqual(report.kernel, "Prescott")
        XCTAssertEqual(report.environmentCoreType, "Prescott")
        if CPUFeatures.current.isa > .baseline {
            XCTAssertTrue(report.isFallback)
            XCTAssertTrue(report.warning?.contains("OPENBLAS_CORETYPE=Prescott") ?? false, report.warning ?? "no warning")
        }
    }

    func testKernelNamesMapToInstructionSets() {
        XCTAssertEqual(BLAS.kernelISA(named: "Prescott"), .baseline)
        XCTAssertEqual(BLAS.kernelISA(named: "Sandybridge"), .avx)
        XCTAssertEqual(BLAS.kernelISA(named: "Haswell"), .avx2)
        XCTAssertEqual(BLAS.kernelISA(named: "Zen"), .avx2)
        XCTAssertEqual(BLAS.kernelISA(named: "SkylakeX"), .avx512)
        XCTAssertEqual(BLAS.kernelISA(named: "COOPERLAKE"), .avx512)
        XCTAssertNil(BLAS.kernelISA(named: "Neoverse-V9"))
        let xeon = CPUFeatures(vendor: "GenuineIntel", model: "Xeon", isa: .avx512, hasAVX512BF16: true)
        XCTAssertEqual(BLAS.candidateKernels(for: xeon).first, "Cooperlake")
        let zen3 = CPUFeatures(vendor: "AuthenticAMD", model: "EPYC", isa: .avx2)
        XCTAssertEqual(BLAS.candidateKernels(for: zen3).first, "Zen")
        func report(_ kernel: String, cpu: VectorISA) -> BLASKernelReport {
            BLASKernelReport(kernel: kernel, kernelISA: BLAS.kernelISA(named: kernel), chosenBy: .library, libraryChoice: nil,
                             environmentCoreType: nil, cpuModel: "x", cpuISA: cpu, library: "OpenBLAS")
        }
        XCTAssertTrue(report("Prescott", cpu: .avx512).isFallback)
        XCTAssertTrue(report("Prescott", cpu: .avx2).isFallback)
        XCTAssertTrue(report("Haswell", cpu: .avx512).isFallback)
        XCTAssertFalse(report("SkylakeX", cpu: .avx512).isFallback)
        XCTAssertFalse(report("Prescott", cpu: .baseline).isFallback)
        XCTAssertFalse(report("Unknown-Future", cpu: .avx512).isFallback)
    }

    /// cpuid agrees with the kernel's own view of the CPU in /proc/cpuinfo (Linux).
    func testDetectedInstructionSetMatchesProcCPUInfo() throws {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else {
            throw XCTSkip("no /proc/cpuinfo flags on this system")
        }
        let flags = Set(line.split(separator: ":").last?.split(separator: " ").map(String.init) ?? [])
        let expected: VectorISA = ["avx512f", "avx512dq", "avx512bw", "avx512vl", "avx2", "fma"].allSatisfy(flags.contains) ? .avx512
            : ["avx2", "fma"].allSatisfy(flags.contains) ? .avx2 : flags.contains("avx") ? .avx : .baseline
        XCTAssertEqual(CPUFeatures.current.isa, expected, "cpuid says \(CPUFeatures.current), /proc/cpuinfo flags say \(expected)")
        XCTAssertEqual(CPUFeatures.current.hasAVX512BF16, expected == .avx512 && flags.contains("avx512_bf16"))
        if let name = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") })?.split(separator: ":").last {
            XCTAssertEqual(CPUFeatures.current.model, name.trimmingCharacters(in: .whitespaces))
        }
    }

    /// The report reads as names in JSON and decodes back to the same value.
    func testReportEncodesInstructionSetsByName() throws {
        let report = BLASKernelReport(kernel: "Prescott", kernelISA: .baseline, chosenBy: .library, libraryChoice: nil,
                                      environmentCoreType: nil, cpuModel: "Xeon", cpuISA: .avx512, library: "OpenBLAS 0.3.21")
        let data = try JSONEncoder().encode(report)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"cpuISA\":\"AVX-512\""), text)
        XCTAssertTrue(text.contains("\"kernelISA\":\"SSE\""), text)
        XCTAssertEqual(try JSONDecoder().decode(BLASKernelReport.self, from: data), report)
        XCTAssertTrue(report.isFallback)
        XCTAssertTrue(report.warning?.contains("Prescott") ?? false)
    }
}
