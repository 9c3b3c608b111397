import Foundation
import XCTest

/// The notebook runner through the real executable: caching, parameter errors,
/// interruption, sweeps in processes and claims.
final class RunCommandTests: XCTestCase {
    private var reports: URL!

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: LeptonProcess.executable.path),
                          "lepton executable not built at \(LeptonProcess.executable.path)")
        reports = try temporaryDirectory("runs")
    }

    override func tearDownWithError() throws {
        if let reports { try? FileManager.default.removeItem(at: reports) }
    }

    private func lepton(_ args: [String], reports: URL? = nil) throws -> LeptonProcess.Result {
        try LeptonProcess.run(args + ["--reports", (reports ?? self.reports).path])
    }

    private func results(_ r: LeptonProcess.Result) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stderr)
    }

    private func statuses(_ json: [String: Any]) -> [String] {
        ((json["cells"] as? [[String: Any]]) ?? []).map { "\($0["cell"] ?? "")\(($0["point"] as? Int).map { "@\($0)" } ?? ""):\($0["status"] ?? "")" }
    }

    private func deterministicMetrics(_ json: [String: Any]) -> [String] {
        ((json["metrics"] as? [[String: Any]]) ?? []).filter { ($0["measured"] as? Bool) != true }
            .map { "\($0["name"] ?? "")@\($0["point"] ?? "-")=\($0["value"] ?? "")" }
    }

    func testSecondRunIsCachedAndAChangedParameterRerunsOnlyItsCells() throws {
        let first = try results(try lepton(["run", "width-sweep", "--profile", "quick", "--json"]))
        XCTAssertTrue(statuses(first).allSatisfy { $0.hasSuffix(":ran") }, "\(statuses(first))")
        let second = try results(try lepton(["run", "width-sweep", "--profile", "quick", "--json"]))
        XCTAssertTrue(statuses(second).allSatisfy { $0.hasSuffix(":cached") }, "\(statuses(second))")
        XCTAssertEqual(deterministicMetrics(first), deterministicMetrics(second))
        let changed = try results(try lepton(["run", "width-sweep", "--profile", "quick", "--set", "slope=0.2", "--json"]))
        XCTAssertEqual(statuses(changed), ["data:cached", "train@0:ran", "train@1:ran", "train@2:ran", "summary:ran"])
        // The report shows cache status and wall time per cell.
        let runs = try FileManager.default.contentsOfDirectory(atPath: reports.appendingPathComponent("width-sweep").path)
            .filter { !$0.hasSuffix(".jsonl") }
        XCTAssertEqual(runs.count, 3)
        let html = try String(contentsOf: reports.appendingPathComponent("width-sweep").appendingPathComponent(runs.sorted().last!)
            .appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("cached") && html.contains("Wall time"))
    }

    /// width-sweep, and seed-cnn as the README shows it (its history artifact holds each
    /// epoch's wall time, which the check leaves out).
    func testVerifyDeterminism() throws {
        for args in [["width-sweep", "--set", "epochs=3"], ["seed-cnn"]] {
            let r = try lepton(["run"] + args + ["--profile", "quick", "--verify-determinism"])
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("determinism verified"), r.stderr)
        }
    }

    func testBadSetValuesListTheParameters() throws {
        for (arg, fragment) in [("nope=1", "has no parameter 'nope'"), ("epoch=5", "has no parameter 'epoch'; did you mean 'epochs'?"),
                                ("epochs=many", "is not an integer"),
                                ("epochs=0", "0 is outside 1…200"), ("slope", "name=value")] {
            let r = try lepton(["run", "width-sweep", "--set", arg])
            XCTAssertNotEqual(r.status, 0, arg)
            XCTAssertTrue(r.stderr.contains(fragment), "\(arg): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("epochs (integer, 1…200, default 20 epochs)"), "\(arg): \(r.stderr)")
        }
        let unknown = try lepton(["run", "no-such-experiment"])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("seed-cnn"), unknown.stderr)
        let typo = try lepton(["run", "seed-cnm"])
        XCTAssertTrue(typo.stderr.contains("did you mean 'seed-cnn'?"), typo.stderr)
    }

    /// A sweep gives the same numbers in one process, in two, and point by point.
    func testSweepSameWithJobsAndPointCollect() throws {
        let a = try temporaryDirectory("jobs1"), b = try temporaryDirectory("jobs2"), c = try temporaryDirectory("points")
        defer { for d in [a, b, c] { try? FileManager.default.removeItem(at: d) } }
        let one = try results(try lepton(["run", "width-sweep", "--profile", "quick", "--jobs", "1", "--json"], reports: a))
        let two = try results(try lepton(["run", "width-sweep", "--profile", "quick", "--jobs", "2", "--json"], reports: b))
        for p in 0..<3 {
            let r = try lepton(["run", "width-sweep", "--profile", "quick", "--point", String(p)], reports: c)
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        let collected = try lepton(["collect", "width-sweep", "--profile", "quick"], reports: c)
        XCTAssertEqual(collected.status, 0, collected.stderr)
        let shown = try results(try LeptonProcess.run(["show", "width-sweep", "--json", "--reports", c.path]))
        XCTAssertEqual(deterministicMetrics(one), deterministicMetrics(two))
        XCTAssertEqual(deterministicMetrics(one), deterministicMetrics(shown))
        XCTAssertEqual(deterministicMetrics(one).count, 9)
    }

    func testCollectNamesMissingPoints() throws {
        XCTAssertEqual(try lepton(["run", "width-sweep", "--profile", "quick", "--point", "1"]).status, 0)
        let r = try lepton(["collect", "width-sweep", "--profile", "quick"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("sweep points 0, 2 have not run"), r.stderr)
    }

    /// Killing a run at random moments never leaves a partial run folder, and the next run
    /// reuses the cells that finished.
    func testInterruptedRunsLeaveNoPartialFolderAndKeepTheCache() throws {
        var rng = SystemRandomNumberGenerator()
        let experimentFolder = reports.appendingPathComponent("width-sweep")
        for (index, sig) in [SIGINT, SIGKILL, SIGKILL, SIGINT].enumerated() {
            let child = try LeptonProcess.spawn(["run", "width-sweep", "--profile", "full", "--set", "slope=0.\(index + 1)",
                                                 "--reports", reports.path])
            usleep(UInt32.random(in: 300_000...1_200_000, using: &rng))
            kill(child.pid, sig)
            _ = try LeptonProcess.wait(child)
            let runs = ((try? FileManager.default.contentsOfDirectory(atPath: experimentFolder.path)) ?? []).filter { !$0.hasSuffix(".jsonl") }
            for run in runs {
                let folder = experimentFolder.appendingPathComponent(run)
                XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("results.json").path), "partial run \(run)")
                XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.html").path), "partial run \(run)")
            }
        }
        // The data cell finished early in every attempt: the next run takes it from the cache.
        let next = try results(try lepton(["run", "width-sweep", "--profile", "full", "--set", "slope=0.4", "--json"]))
        XCTAssertEqual(statuses(next).first, "data:cached")
        let staging = (try? FileManager.default.contentsOfDirectory(atPath: reports.appendingPathComponent(".staging").path)) ?? []
        XCTAssertEqual(staging, [], "stale staging folders are removed")
    }

    func testLangZhGivesChineseHeadingsAndTheFindingsFirst() throws {
        let r = try lepton(["run", "seed-cnn", "--profile", "quick", "--set", "epochs=3", "--lang", "zh"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let path = try XCTUnwrap(r.stdout.split(separator: "\n").last { $0.hasPrefix("report: ") }).dropFirst("report: ".count)
        let html = try String(contentsOfFile: String(path), encoding: .utf8)
        XCTAssertTrue(html.contains("<html lang=\"zh\">"))
        for heading in ["结论摘要", "论断", "计算单元", "运行环境", "单元: train"] {
            XCTAssertTrue(html.contains(">\(heading)</h2>"), "heading \(heading)")
        }
        XCTAssertFalse(html.contains(">Environment</h2>") || html.contains(">Claims</h2>"))
        for header in [">参数</th>", ">耗时</th>", "已运行"] {
            XCTAssertTrue(html.contains(header), "table text \(header)")
        }
        let findings = try XCTUnwrap(html.range(of: "class=\"findings\""))
        XCTAssertLessThan(findings.lowerBound, try XCTUnwrap(html.range(of: "<table")).lowerBound, "findings come first")
        // The claims table in the terminal fits 80 columns.
        let table = r.stdout.split(separator: "\n").drop { !$0.hasPrefix("seed-cnn — ") }.prefix(4)
        XCTAssertEqual(table.count, 4, r.stdout)
        for line in table { XCTAssertLessThanOrEqual(line.count, 80, String(line)) }
        let bad = try lepton(["run", "seed-cnn", "--lang", "xx"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--lang must be one of en, zh"), bad.stderr)
    }

    func testReproducePrintsClaimsAndExitStatusFollowsVerdicts() throws {
        let r = try lepton(["reproduce", "seed-cnn", "--profile", "quick", "--set", "epochs=3"])
        XCTAssertEqual(r.status, 3, "claims about MNIST are inconclusive on the digits: \(r.stderr)")
        XCTAssertTrue(r.stdout.contains("test accuracy 0.9862 on MNIST"), r.stdout)
        XCTAssertTrue(r.stdout.contains("INCONCLUSIVE"), r.stdout)
        XCTAssertTrue(r.stdout.contains("003-C19"), r.stdout)
        XCTAssertTrue(r.stdout.contains("measured"), "the provenance column: \(r.stdout)")
        XCTAssertTrue(r.stdout.contains("dataset=mnist"), r.stdout)
    }

    func testReproducePrintsTheClaimsLedgerAndWritesItsHTML() throws {
        let claims = reports.appendingPathComponent("CLAIMS.md")
        try Data("""
            ## 003 — scheduling and an MNIST CNN
            | id | where | kind | statement | what to compute |
            |---|---|---|---|---|
            | 003-C14 | §5.4 | log | 20000/20000 steps | steps per epoch |
            | 003-C16 | §5.4 | log | patience 3, yet 10 epochs | replay |
            | 003-C19 | §5.4 | number | test accuracy 0.9862 | a corrected script |
            """.utf8).write(to: claims)
        let r = try lepton(["reproduce", "log-003", "--profile", "quick", "--claims", claims.path])
        XCTAssertEqual(r.status, 2, "003-C14 and 003-C16 are not reproduced: \(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        // 003: 3 ids, 0 reproduced, 2 not reproduced (C14, C16), 0 inconclusive, 0 definitional,
        // 0/0 findings, 0 with a reason, 1 not yet checked (C19: seed-cnn did not run).
        let row = ["003", "3", "0", "2", "0", "0", "0/0", "0", "1"]
        XCTAssertTrue(lines.contains { $0.split(separator: " ").map(String.init) == row }, r.stdout)
        XCTAssertTrue(r.stdout.contains("claims cite 2 of the 3 ids"), r.stdout)
        XCTAssertTrue(lines.allSatisfy { !$0.hasPrefix("003") || $0.count <= 80 }, r.stdout)
        let html = try String(contentsOf: reports.appendingPathComponent("ledger/ledger-003.html"), encoding: .utf8)
        for id in ["003-C14", "003-C16", "003-C19"] { XCTAssertTrue(html.contains(id), id) }
        XCTAssertTrue(html.contains("not yet checked"))
        XCTAssertTrue(html.contains("log-003/"), "links to the experiment's report")
        XCTAssertNotEqual(try lepton(["reproduce", "log-003", "--claims", "/nonexistent/CLAIMS.md"]).status, 0)
        let audit = try lepton(["audit", "--claims", claims.path])
        XCTAssertEqual(audit.status, 0, audit.stderr)
        XCTAssertTrue(audit.stdout.split(separator: "\n").contains { $0.split(separator: " ").map(String.init) == row }, audit.stdout)
    }

    func testNewScaffoldsAndRegisters() throws {
        let dir = try temporaryDirectory("new")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("""
            import LeptonLab

            public enum Catalogue {
                public static let experiments: [Experiment] = [
                    seedCNN,
                ]
            }

            """.utf8).write(to: dir.appendingPathComponent("Catalogue.swift"))
        let r = try LeptonProcess.run(["new", "lab-3", "--directory", dir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let catalogue = try String(contentsOf: dir.appendingPathComponent("Catalogue.swift"), encoding: .utf8)
        XCTAssertTrue(catalogue.contains("seedCNN,\n        lab3,\n    ]"), catalogue)
        let source = try String(contentsOf: dir.appendingPathComponent("Lab3.swift"), encoding: .utf8)
        XCTAssertTrue(source.contains("let lab3 = Experiment(") && source.contains("\"lab-3\""), source)
        XCTAssertNotEqual(try LeptonProcess.run(["new", "Bad Name", "--directory", dir.path]).status, 0)
        XCTAssertNotEqual(try LeptonProcess.run(["new", "lab-3", "--directory", dir.path]).status, 0, "refuses to overwrite")
    }
}

/// The shipped experiments' cells are keyed by the sources compiled into `lepton` (the
/// LeptonSourceManifest plugin), never by the executable alone.
final class CodeIdentityCommandTests: XCTestCase {
    func testEveryShippedCellIsKeyedByTheCompiledManifest() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: LeptonProcess.executable.path), "lepton not built")
        let r = try LeptonProcess.run(["list", "--code"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let cells = r.stdout.split(separator: "\n").filter { $0.contains("    cell ") }
        XCTAssertGreaterThan(cells.count, 20)
        XCTAssertTrue(cells.allSatisfy { $0.contains(": code manifest ") }, cells.filter { !$0.contains("manifest") }.joined(separator: "\n"))
        XCTAssertFalse(r.stderr.contains("differs from the version compiled"), "sources match the build: \(r.stderr)")
    }
}

/// Issue 10 acceptance 2 through the executable: a parameter value inside its declared
/// range never breaks a shipped experiment, even when it makes a metric NaN.
final class NonFiniteRunTests: XCTestCase {
    func testSeedCNNWithoutAValidationSplitCompletes() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: LeptonProcess.executable.path), "lepton not built")
        let reports = try temporaryDirectory("vs0")
        defer { try? FileManager.default.removeItem(at: reports) }
        let r = try LeptonProcess.run(["run", "seed-cnn", "--profile", "quick", "--set", "validation-split=0", "--json",
                                       "--reports", reports.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let metrics = (json["metrics"] as? [[String: Any]]) ?? []
        XCTAssertEqual(metrics.first { $0["name"] as? String == "val.loss" }?["value"] as? String, "NaN")
        let charts = (json["charts"] as? [[String: Any]]) ?? []
        XCTAssertTrue(charts.contains { ($0["caption"] as? String)?.contains("drawn as gaps") == true }, "\(charts)")
    }
}

/// Issue 10 acceptance 6: two `lepton run` of the same experiment started together both
/// appear in its history.
final class ConcurrentRunTests: XCTestCase {
    func testTwoRunsStartedTogetherBothAppearInHistory() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: LeptonProcess.executable.path), "lepton not built")
        let reports = try temporaryDirectory("together")
        defer { try? FileManager.default.removeItem(at: reports) }
        let args = ["run", "scheduling-003", "--profile", "quick", "--no-cache", "--reports", reports.path]
        let a = try LeptonProcess.spawn(args), b = try LeptonProcess.spawn(args + ["--seed", "2"])
        let (ra, rb) = (try LeptonProcess.wait(a), try LeptonProcess.wait(b))
        XCTAssertEqual(ra.status, 0, ra.stderr)
        XCTAssertEqual(rb.status, 0, rb.stderr)
        let history = try String(contentsOf: reports.appendingPathComponent("scheduling-003/history.jsonl"), encoding: .utf8)
        let lines = history.split(separator: "\n")
        XCTAssertEqual(lines.count, 2, history)
        let runs = try lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["runID"] as? String }
        XCTAssertEqual(Set(runs.compactMap { $0 }).count, 2)
    }
}
