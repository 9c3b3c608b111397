import Foundation
import XCTest

/// `lepton schedule FILE.json` through the real executable.
final class ScheduleCommandTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: LeptonProcess.executable.path),
                          "lepton executable not built at \(LeptonProcess.executable.path)")
        dir = try temporaryDirectory("schedule")
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    /// The HEFT paper's 10-task, 3-processor example shipped in docs/examples.
    private var heftExample: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/examples/heft-topcuoglu-2002.json").path
    }

    /// Acceptance: HEFT's makespan 80 and a proven optimum, as text, JSON and an HTML report.
    func testHEFTPaperExampleShowsEveryHeuristicAndTheProvenOptimum() throws {
        let html = dir.appendingPathComponent("heft.html")
        let r = try LeptonProcess.run(["schedule", heftExample, "--html", html.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("proven optimal"), r.stdout)
        let heftLine = try XCTUnwrap(r.stdout.split(separator: "\n").first { $0.hasPrefix("heft ") })
        XCTAssertEqual(heftLine.split(separator: " ", omittingEmptySubsequences: true)[1], "80")
        for name in ["greedy", "min-min", "max-min", "heft", "optimum"] {
            XCTAssertTrue(r.stdout.contains("\n\(name):\n  P1: "), "Gantt rows of \(name)")
        }
        let page = try String(contentsOf: html, encoding: .utf8)
        XCTAssertEqual(page.components(separatedBy: "data:image/png;base64,").count - 1, 5, "one Gantt chart per schedule")
        XCTAssertTrue(r.stderr.contains("5 charts"), r.stderr)

        let json = try LeptonProcess.run(["schedule", heftExample, "--json"])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let optimum = try XCTUnwrap(object["optimum"] as? [String: Any])
        XCTAssertEqual(optimum["proven"] as? Bool, true)
        let schedules = try XCTUnwrap(object["schedules"] as? [[String: Any]])
        XCTAssertEqual(schedules.map { $0["name"] as? String }, ["greedy", "min-min", "max-min", "heft", "optimum"])
        XCTAssertEqual(schedules[3]["makespan"] as? Double, 80)
        let best = try XCTUnwrap(optimum["value"] as? Double)
        for s in schedules {
            let value = try XCTUnwrap(s["value"] as? Double)
            XCTAssertGreaterThanOrEqual(value, best)
            XCTAssertEqual(try XCTUnwrap(s["gap"] as? Double), value / best - 1, accuracy: 1e-12)
            XCTAssertEqual((s["placements"] as? [Any])?.count, 10)
        }
    }

    func testWeightedObjectiveAndBadInputs() throws {
        let weighted = try LeptonProcess.run(["schedule", heftExample, "--objective", "weighted-completion", "--json"])
        XCTAssertEqual(weighted.status, 0, weighted.stderr)
        XCTAssertTrue(weighted.stdout.contains("\"objective\":\"weighted-completion\""), weighted.stdout)
        let unknown = try LeptonProcess.run(["schedule", heftExample, "--objective", "fastest"])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.stderr.contains("unknown objective 'fastest'"), unknown.stderr)
        let bad = dir.appendingPathComponent("cycle.json")
        try Data(#"{"devices":[{"name":"a","speed":1}],"jobs":[{"name":"x","work":1},{"name":"y","work":1}],"edges":[{"from":"x","to":"y"},{"from":"y","to":"x"}]}"#.utf8)
            .write(to: bad)
        let cyclic = try LeptonProcess.run(["schedule", bad.path])
        XCTAssertNotEqual(cyclic.status, 0)
        XCTAssertTrue(cyclic.stderr.contains("cycle"), cyclic.stderr)
        let stopped = try LeptonProcess.run(["schedule", heftExample, "--node-limit", "2"])
        XCTAssertEqual(stopped.status, 0, stopped.stderr)
        XCTAssertTrue(stopped.stdout.contains("bound, not proven"), stopped.stdout)
        XCTAssertTrue(stopped.stdout.contains("lower bound"), stopped.stdout)
        XCTAssertTrue(stopped.stdout.contains("\nbest found "), stopped.stdout)
        let stoppedJSON = try LeptonProcess.run(["schedule", heftExample, "--node-limit", "2", "--json"])
        let optimum = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(stoppedJSON.stdout.utf8)) as? [String: Any])?["optimum"] as? [String: Any])
        XCTAssertEqual(optimum["status"] as? String, "bound")
        XCTAssertLessThanOrEqual(try XCTUnwrap(optimum["lower_bound"] as? Double), try XCTUnwrap(optimum["value"] as? Double))
        let timed = try LeptonProcess.run(["schedule", heftExample, "--time-limit", "30", "--json"])
        XCTAssertTrue(timed.stdout.contains("\"status\":\"proven\""), timed.stdout)
        let badLimit = try LeptonProcess.run(["schedule", heftExample, "--time-limit", "0"])
        XCTAssertNotEqual(badLimit.status, 0)
        XCTAssertTrue(badLimit.stderr.contains("--time-limit must be a positive number of seconds, got 0.0"), badLimit.stderr)
    }

    /// A misspelt key is refused with the file, line, column, field and the nearest key; nothing is written.
    func testAMisspeltKeyIsRefusedLikeACompilerWould() throws {
        let file = dir.appendingPathComponent("typo.json")
        try Data("{\"devices\": [{\"name\": \"a\", \"speed\": 1}],\n \"jobs\": [{\"name\": \"j\", \"work\": 1, \"weigth\": 2}]}".utf8).write(to: file)
        let html = dir.appendingPathComponent("typo.html")
        let r = try LeptonProcess.run(["schedule", file.path, "--html", html.path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("\(file.path):2:36: jobs[0].weigth: expected one of the keys input, memory, name, origin, weight, work "
                                        + "but found the unknown key 'weigth'; did you mean 'weight'?"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: html.path), "nothing written")
    }
}
