import Foundation
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
        return record
    }

    static var swiftVersion: String {
        if let line = shell("swift", ["--version"])?.split(separator: "\n").first(where: { $0.contains("Swift version") }) {
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
    static func shell(_ tool: String, _ arguments: [String]) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
