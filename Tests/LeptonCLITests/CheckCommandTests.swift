import Foundation
import XCTest

/// Regression tracking through the real executable.
final class CheckCommandTests: XCTestCase {
    private var reports: URL!

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: LeptonProcess.executable.path),
                          "lepton executable not built at \(LeptonProcess.executable.path)")
        reports = try temporaryDirectory("check")
    }

    override func tearDownWithError() throws {
        if let reports { try? FileManager.default.removeItem(at: reports) }
    }

    private func lepton(_ args: [String]) throws -> LeptonProcess.Result {
        try LeptonProcess.run(args + ["--reports", reports.path])
    }

    /// A learning rate that costs accuracy makes `check` exit 2 and name the metric, the
    /// baseline, the new value and the threshold.
    func testWorseRunIsARegression() throws {
        XCTAssertEqual(try lepton(["run", "seed-cnn", "--profile", "quick", "--set", "epochs=10"]).status, 0)
        let saved = try lepton(["baseline", "save", "seed-cnn"])
        XCTAssertEqual(saved.status, 0, saved.stderr)
        XCTAssertTrue(saved.stdout.contains("baselines/seed-cnn/quick/"), saved.stdout)
        let same = try lepton(["check", "seed-cnn", "--deterministic-only"])
        XCTAssertEqual(same.status, 0, same.stdout + same.stderr)
        let worse = try lepton(["run", "seed-cnn", "--profile", "quick", "--set", "epochs=10", "--set", "learning-rate=0.00003", "--json"])
        XCTAssertEqual(worse.status, 0, worse.stderr)
        let markdown = reports.appendingPathComponent("summary.md")
        let r = try lepton(["check", "seed-cnn", "--markdown", markdown.path])
        XCTAssertEqual(r.status, 2, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("test.accuracy (mean)") && r.stdout.contains("REGRESSION"), r.stdout)
        let text = try String(contentsOf: markdown, encoding: .utf8)
        let row = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("| test.accuracy | mean |") }, text)
        // Same machine, same numerics fingerprint: compared bit for bit, no tolerance.
        XCTAssertTrue(row.contains("none (same bits expected)") && row.contains("exact (same numerics")
                      && row.contains("**regression**"), String(row))
        let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        let baseline = try XCTUnwrap(Double(cells[2])), candidate = try XCTUnwrap(Double(cells[3]))
        XCTAssertGreaterThanOrEqual(baseline - candidate, 0.03, "the worse run costs at least 3 points: \(row)")
        let compared = try LeptonProcess.run(["compare", "seed-cnn", "seed-cnn", "--markdown", "--reports", reports.path])
        XCTAssertEqual(compared.status, 0)
    }

    func testMissingBaselineExits5WithHowTo() throws {
        XCTAssertEqual(try lepton(["run", "width-sweep", "--profile", "quick", "--set", "epochs=2"]).status, 0)
        let r = try lepton(["check", "width-sweep"])
        XCTAssertEqual(r.status, 5)
        XCTAssertTrue(r.stderr.contains("no baseline at") && r.stderr.contains("lepton baseline save width-sweep"), r.stderr)
        try Data("{ not json".utf8).write(to: reports.appendingPathComponent("broken.json"))
        let broken = try lepton(["check", "width-sweep", "--baseline", reports.appendingPathComponent("broken.json").path])
        XCTAssertEqual(broken.status, 5)
        XCTAssertTrue(broken.stderr.contains("broken.json:1:11: expected more JSON (a value or a closing bracket) but found the end of the file; "
                                             + "the file looks truncated (not a lepton-results/2 record)"), broken.stderr)
    }

    /// On a host class with no baseline of its own, `check` uses another host class's: with
    /// the same numerics fingerprint it compares deterministic metrics exactly (the host
    /// class decides nothing but wall-clock metrics, which it skips with a reason naming
    /// each); with another fingerprint, with thresholds and a ±10 % rule for threshold
    /// crossings; either way it still fails on a real regression (learning rate 0.00003).
    func testAnotherHostClassesBaselineStillGates() throws {
        XCTAssertEqual(try lepton(["run", "seed-cnn", "--profile", "quick", "--set", "epochs=10"]).status, 0)
        let saved = try lepton(["baseline", "save", "seed-cnn"])
        XCTAssertEqual(saved.status, 0, saved.stderr)
        let folder = reports.appendingPathComponent("baselines/seed-cnn/quick")
        let own = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: folder.path).first)
        var record = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(own))) as? [String: Any])
        var environment = try XCTUnwrap(record["environment"] as? [String: Any])
        environment["cpuModel"] = "Other Vendor CPU"
        environment["cores"] = 64
        record["environment"] = environment
        try JSONSerialization.data(withJSONObject: record).write(to: folder.appendingPathComponent("other-vendor-64c.json"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent(own))

        let markdown = reports.appendingPathComponent("cross.md")
        let same = try lepton(["check", "seed-cnn", "--markdown", markdown.path])
        XCTAssertEqual(same.status, 0, same.stdout + same.stderr)
        XCTAssertTrue(same.stderr.contains("comes from host class other-vendor-64c"), same.stderr)
        let text = try String(contentsOf: markdown, encoding: .utf8)
        let accuracy = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("| test.accuracy | mean |") }, text)
        XCTAssertTrue(accuracy.contains("exact (same numerics ") && accuracy.contains("unchanged"), String(accuracy))
        let latency = text.split(separator: "\n").filter { $0.hasPrefix("| inference.latency.batch1 |") }
        XCTAssertFalse(latency.isEmpty, text)
        for row in latency {
            XCTAssertTrue(row.contains("skipped: inference.latency.batch1 is a wall-clock metric"), String(row))
        }
        XCTAssertFalse(text.split(separator: "\n").contains { $0.contains("skipped") && !$0.contains("wall-clock metric") },
                       "nothing skipped without a reason naming the metric")

        let worseExact = try lepton(["run", "seed-cnn", "--profile", "quick", "--set", "epochs=10", "--set", "learning-rate=0.00003"])
        XCTAssertEqual(worseExact.status, 0)
        let worse = try lepton(["check", "seed-cnn", "--deterministic-only"])
        XCTAssertEqual(worse.status, 2, worse.stdout + worse.stderr)
        XCTAssertTrue(worse.stdout.contains("test.accuracy (mean)") && worse.stdout.contains("REGRESSION")
                      && worse.stdout.contains("exact (same numerics"), worse.stdout)

        // The baseline from a CPU of other numerics (a fingerprint that is not this run's).
        environment["numerics"] = ["fingerprint": "0000000000000000", "kernels": "baseline x86-64 (8 lanes in SSE2, no FMA)",
                                   "fusedMultiplyAdd": false]
        record["environment"] = environment
        try JSONSerialization.data(withJSONObject: record).write(to: folder.appendingPathComponent("other-vendor-64c.json"))
        XCTAssertEqual(try lepton(["run", "seed-cnn", "--profile", "quick", "--set", "epochs=10"]).status, 0)
        let otherMarkdown = reports.appendingPathComponent("other.md")
        let other = try lepton(["check", "seed-cnn", "--markdown", otherMarkdown.path])
        XCTAssertEqual(other.status, 0, other.stdout + other.stderr)
        XCTAssertTrue(other.stderr.contains("numerics fingerprints differ"), other.stderr)
        let otherText = try String(contentsOf: otherMarkdown, encoding: .utf8)
        let otherAccuracy = try XCTUnwrap(otherText.split(separator: "\n").first { $0.hasPrefix("| test.accuracy | mean |") }, otherText)
        XCTAssertTrue(otherAccuracy.contains("other numerics (baseline 0000000000000000"), String(otherAccuracy))
        XCTAssertEqual(try lepton(["run", "seed-cnn", "--profile", "quick", "--set", "epochs=10", "--set", "learning-rate=0.00003"]).status, 0)
        let worseOther = try lepton(["check", "seed-cnn", "--deterministic-only"])
        XCTAssertEqual(worseOther.status, 2, worseOther.stdout + worseOther.stderr)
        XCTAssertTrue(worseOther.stdout.contains("REGRESSION") && worseOther.stdout.contains("other numerics"), worseOther.stdout)
    }
}
