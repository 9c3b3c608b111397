import Foundation
import XCTest

/// "Same numbers everywhere": every shipped experiment's quick profile, run here on ONE
/// thread with no cache, has the bits committed in Tests/Golden/quick.json (recorded on
/// two threads, on whichever CPU the file names); the dogfood step of .ci/run checks the
/// same file at two threads. A changed value is named, with the experiment.
final class GoldenDigestTests: XCTestCase {
    func testEveryShippedExperimentHasTheCommittedBitsOnOneThread() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: LeptonProcess.executable.path),
                          "lepton executable not built at \(LeptonProcess.executable.path)")
        let reports = try temporaryDirectory("golden")
        defer { try? FileManager.default.removeItem(at: reports) }
        let run = try LeptonProcess.run(["run", "--all", "--profile", "quick", "--threads", "1", "--no-cache", "--reports", reports.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let check = try LeptonProcess.run(["golden", "check", "--reports", reports.path])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
        XCTAssertTrue(check.stdout.contains("all 18 experiments have the committed bits"), check.stdout)
        XCTAssertTrue(check.stdout.contains("1 threads"), check.stdout)

        // A golden file with one value changed: the check fails and names that value.
        let committed = LeptonProcess.packageRoot.appendingPathComponent("Tests/Golden/quick.json")
        var text = try String(contentsOf: committed, encoding: .utf8)
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.contains("\"metric test.accuracy point=- replicate=0") })
        let changed = line.replacingOccurrences(of: "replicate=0 0.", with: "replicate=0 0.0")
        text = text.replacingOccurrences(of: String(line), with: changed)
        let tampered = reports.appendingPathComponent("tampered.json")
        try Data(text.utf8).write(to: tampered)
        let bad = try LeptonProcess.run(["golden", "check", "--reports", reports.path, "--file", tampered.path])
        XCTAssertEqual(bad.status, 1, bad.stdout + bad.stderr)
        XCTAssertTrue(bad.stdout.contains("first difference") && bad.stdout.contains("metric test.accuracy"), bad.stdout)
    }
}
