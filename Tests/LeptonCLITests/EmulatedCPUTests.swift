import Foundation
import XCTest

/// "Same numbers everywhere" on CPUs this machine is not: the built `lepton` runs under QEMU's
/// user-mode emulator (Debian's qemu-user, installed by `.ci/run`) as CPUs of another kind,
/// each seen by Lepton through its own cpuid, so the kernel build is chosen exactly as on
/// that hardware:
/// - `EPYC-v1`, an AMD EPYC Zen 1 (AVX2 + FMA, no AVX-512: the CPU of issue 21's report):
///   the 8-lane build must give seed-cnn's committed golden bits (trained weights, metrics,
///   verdicts) — every kernel of training and inference runs in it;
/// - `SandyBridge-v1` (AVX, no FMA): the baseline build runs, says once that its bits differ,
///   and the golden check declines to compare rather than failing.
/// QEMU's floating point is IEEE softfloat (a fused multiply-add rounds once), so its bits are
/// the hardware's. Emulation is slow (a debug build trains seed-cnn's quick profile in about
/// a minute), so the other experiments are checked under emulation by hand
/// (docs/ARCHITECTURE.md, "Numerics": all 17 have the golden bits as a Zen 1).
final class EmulatedCPUTests: XCTestCase {
    static let experiments = ["seed-cnn"]

    /// qemu-x86_64 on PATH, else a skip that says what to install.
    func qemu() throws -> String {
        #if arch(x86_64)
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/qemu-x86_64" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { throw XCTSkip("qemu-x86_64 is not installed (Debian: qemu-user); .ci/run installs it") }
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: LeptonProcess.executable.path),
                          "lepton executable not built at \(LeptonProcess.executable.path)")
        return path
        #else
        throw XCTSkip("emulated x86-64 CPUs are checked on x86-64 hosts only")
        #endif
    }

    func testAnAVX2CPUGivesTheGoldenBits() throws {
        let qemu = try qemu()
        for cpu in ["EPYC-v1"] {
            let reports = try temporaryDirectory("emulated-\(cpu)")
            defer { try? FileManager.default.removeItem(at: reports) }
            for experiment in Self.experiments {
                let run = try LeptonProcess.run(["run", experiment, "--profile", "quick", "--threads", "2", "--no-cache",
                                                 "--reports", reports.path], launcher: [qemu, "-cpu", cpu])
                XCTAssertEqual(run.status, 0, "\(cpu) \(experiment): \(run.stderr)")
            }
            let check = try LeptonProcess.run(["golden", "check", "--reports", reports.path]
                + Self.experiments.flatMap { ["--experiment", $0] })
            XCTAssertEqual(check.status, 0, "\(cpu): \(check.stdout)\(check.stderr)")
            XCTAssertTrue(check.stdout.contains("seed-cnn has the committed bits"), "\(cpu): \(check.stdout)")
            // The emulated CPU really ran the 8-lane build: it has no AVX-512 to offer.
            XCTAssertTrue(check.stdout.contains("here AVX2 + FMA (8 lanes)"), "\(cpu): \(check.stdout)")
        }
    }

    func testACPUWithoutFMASaysItsBitsDifferAndIsNotCompared() throws {
        let qemu = try qemu()
        let reports = try temporaryDirectory("emulated-nofma")
        defer { try? FileManager.default.removeItem(at: reports) }
        let run = try LeptonProcess.run(["run", "seed-cnn", "--profile", "quick", "--threads", "2", "--no-cache",
                                         "--reports", reports.path], launcher: [qemu, "-cpu", "SandyBridge-v1"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let said = (run.stdout + run.stderr).components(separatedBy: "no fused multiply-add").count - 1
        XCTAssertEqual(said, 1, "the baseline build is announced exactly once: \(run.stdout)\(run.stderr)")
        let check = try LeptonProcess.run(["golden", "check", "--reports", reports.path, "--experiment", "seed-cnn"])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("not compared") && check.stdout.contains("baseline x86-64"), check.stdout)
    }
}
