import Foundation
import LeptonCore
import LeptonTensor

/// Captures where a run happened: code version, toolchain, OS, CPU, BLAS, threads.
enum Environment {
    static func capture(threads: Int, dataChecksums: [String: String]) -> EnvironmentRecord {
        let root = LeptonVersion.packageRoot
        let commit = root.flatMap { shell("git", ["-C", $0.path, "rev-parse", "HEAD"]) }
        let dirty = root.flatMap { shell("git", ["-C", $0.path, "status", "--porcelain", "--untracked-files=no"]) }.map { !$0.isEmpty }
        var record = EnvironmentRecord(
            leptonVersion: LeptonVersion.number, gitCommit: commit, gitDirty: dirty,
            swiftVersion: swiftVersion, os: osDescription, cpuModel: cpuModel,
            cores: ProcessInfo.processInfo.activeProcessorCount, blas: "\(BLAS.configuration) (core \(BLAS.coreName))",
            threads: threads, hostname: ProcessInfo.processInfo.hostName, dataChecksums: dataChecksums)
        record.blasKernel = BLAS.kernelReport
        record.numerics = numerics
        return record
    }

    /// The fingerprint and kernel build of this process (computed once; a few kernel calls).
    static var numerics: NumericsRecord {
        let build = KernelBuild.current, widest = KernelBuild.widestSupported
        let kernels = build == widest ? build.description
            : "\(build.description), capped by LEPTON_KERNELS=\(build.environmentName) (the CPU runs \(widest.description))"
        return NumericsRecord(fingerprint: NumericsFingerprint.compute(), kernels: kernels,
                              fusedMultiplyAdd: build.fusedMultiplyAdd)
    }

    /// What a reader must know about the numerics, said once per run: a CPU without fused
    /// multiply-add (other bits than every FMA CPU), or a LEPTON_KERNELS value that names no build.
    static func numericsWarnings(_ numerics: NumericsRecord?) -> [String] {
        var w: [String] = []
        if let n = numerics, !n.fusedMultiplyAdd {
            w.append("Lepton's kernels ran the baseline x86-64 build (no fused multiply-add): its bits differ from those of "
                + "every CPU with FMA, so `lepton check` compares this run's deterministic metrics with tolerances, not exactly")
        }
        if let bad = KernelBuild.unknownEnvironmentValue {
            w.append("LEPTON_KERNELS='\(bad)' names no kernel build and was ignored; use avx512, avx2 or baseline")
        }
        return w
    }

    static var swiftVersion: String {
        if let line = shell("swift", ["--version"], privateTemporaryFolder: true)?.split(separator: "\n").first(where: { $0.contains("Swift version") }) {
            return String(line)
        }
        return compiledWith
    }

    static var compiledWith: String {
        #if compiler(>=6.3)
        return "6.3 or later"
        #elseif compiler(>=6.2)
        return "6.2"
        #elseif compiler(>=6.1)
        return "6.1"
        #else
        return "6.0"
        #endif
    }

    static var osDescription: String {
        if let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("PRETTY_NAME=") }) {
            return String(line.dropFirst(12)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return ProcessInfo.processInfo.operatingSystemVersionString
    }

    static var cpuModel: String {
        if let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let colon = line.firstIndex(of: ":") {
            return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return "unknown"
    }

    /// Runs a command and returns its trimmed standard output, or nil on failure.
    static func shell(_ tool: String, _ arguments: [String], privateTemporaryFolder: Bool = false) -> String? {
        guard let done = try? Subprocess.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: [tool] + arguments,
                                             privateTemporaryFolder: privateTemporaryFolder),
              done.succeeded else { return nil }
        return done.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
