import Foundation
import XCTest

/// Issue 24: a class's workflow with the *installed* `lepton`, called as a class calls it —
/// `lepton` found on PATH, or through a symbolic link — from an empty folder. The build is
/// installed once for the class with `scripts/install.sh` (what `make install` runs), from
/// the build folder these tests were built in.
final class InstalledLeptonTests: XCTestCase {
    nonisolated(unsafe) private static var prefix: URL?
    nonisolated(unsafe) private static var installError: String?
    private var dir: URL!

    override class func setUp() {
        super.setUp()
        let build = LeptonProcess.executable.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: build.appendingPathComponent("libLeptonKit.so").path) else {
            installError = "LeptonKit not built in \(build.path) (swift build --build-tests builds it)"
            return
        }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/install.sh")
        guard let target = try? temporaryDirectory("prefix") else { installError = "no temporary folder"; return }
        let r = InstalledLeptonTests.shell("bash '\(script.path)' '\(build.path)' '\(target.path)'", in: target, path: nil)
        if r.status != 0 { installError = "scripts/install.sh failed: \(r.stderr)"; return }
        prefix = target
    }

    override class func tearDown() {
        if let prefix { try? FileManager.default.removeItem(at: prefix) }
        super.tearDown()
    }

    override func setUpWithError() throws {
        if let error = InstalledLeptonTests.installError { throw XCTSkip(error) }
        dir = try temporaryDirectory("class")
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    private var bin: URL { InstalledLeptonTests.prefix!.appendingPathComponent("bin") }

    /// Runs a shell command in `folder` with `path` in front of PATH (as a class's shell
    /// would have it), without LEPTON_REPORTS or LEPTON_KIT from the test's environment.
    static func shell(_ command: String, in folder: URL, path: String?, environment: [String: String] = [:]) -> LeptonProcess.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        for key in ["LEPTON_REPORTS", "LEPTON_KIT", "LEPTON_DATASETS"] { env[key] = nil }
        env["SWIFT_BACKTRACE"] = "enable=no"
        if let path { env["PATH"] = path + ":" + (env["PATH"] ?? "/usr/bin:/bin") }
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = folder.appendingPathComponent(".out-\(UUID().uuidString)"), err = folder.appendingPathComponent(".err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        guard let o = try? FileHandle(forWritingTo: out), let e = try? FileHandle(forWritingTo: err) else {
            return LeptonProcess.Result(status: -1, stdout: "", stderr: "cannot capture output")
        }
        process.standardOutput = o
        process.standardError = e
        do { try process.run() } catch { return LeptonProcess.Result(status: -1, stdout: "", stderr: "\(error)") }
        process.waitUntilExit()
        try? o.close()
        try? e.close()
        return LeptonProcess.Result(status: process.terminationStatus,
                                    stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                                    stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// `lepton ARGS` through PATH in the class folder.
    @discardableResult
    private func lepton(_ args: String, expect status: Int32? = 0, file: StaticString = #filePath, line: UInt = #line) -> LeptonProcess.Result {
        let r = InstalledLeptonTests.shell("lepton " + args, in: dir, path: bin.path)
        if let status { XCTAssertEqual(r.status, status, "lepton \(args)\n\(r.stdout)\n\(r.stderr)", file: file, line: line) }
        return r
    }

    /// The experiment's run ids in the order they were recorded (history.jsonl; ids of
    /// runs within one second do not sort by time).
    private func runIDs(_ experiment: String) throws -> [String] {
        let url = dir.appendingPathComponent("Reports/\(experiment)/history.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { line in
            let entry = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try XCTUnwrap(entry["runID"] as? String)
        }
    }

    private func results(_ experiment: String, _ run: String) throws -> [String: Any] {
        let url = dir.appendingPathComponent("Reports/\(experiment)/\(run)/results.json")
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// Acceptance 1 through PATH: new, run (--set), runs, show, compare, trend, check and
    /// baseline save, all on the lab's own Reports/ — by lab file and by experiment name.
    func testAClassWorkflowThroughPath() throws {
        XCTAssertTrue(lepton("new lab3.swift").stdout.contains("wrote lab3.swift"))
        let first = lepton("run lab3.swift --profile quick")
        XCTAssertTrue(first.stdout.contains("report: \(dir.path)/Reports/lab3/"), first.stdout)
        lepton("run lab3.swift --profile quick --set epochs=1")
        lepton("run lab3.swift --profile quick --set epochs=1")
        let ids = try runIDs("lab3")
        XCTAssertEqual(ids.count, 3)

        let runs = lepton("runs lab3.swift").stdout
        XCTAssertTrue(runs.contains("lab3 (from lab3.swift): 3 runs"), runs)
        let rows = runs.split(separator: "\n").filter { $0.hasPrefix("20") }
        XCTAssertEqual(rows.count, 3, runs)
        XCTAssertTrue(rows[1].contains("epochs=1") && rows[1].contains("not reproduced") && rows[0].contains("1 reproduced"), runs)
        XCTAssertEqual(lepton("runs").stdout.split(separator: "\n").filter { $0.hasPrefix("20") }.count, 3, "in the lab's folder: its Reports/")

        let show = lepton("show lab3.swift").stdout
        XCTAssertTrue(show.contains("run \(ids[2])") && show.contains("source: lab3.swift (SHA-256 "), show)
        XCTAssertTrue(lepton("show \(ids[0])").stdout.contains("run \(ids[0])"), "a run id, in the lab's folder")

        let compare = lepton("compare \(ids[0]) lab3.swift").stdout
        XCTAssertTrue(compare.contains("what differs between the runs:\n  parameter epochs: 3 → 1 (--set)"), compare)
        XCTAssertTrue(compare.contains("test.accuracy (mean):") && compare.contains("REGRESSION"), compare)
        let same = lepton("compare \(ids[1]) \(ids[2])").stdout
        XCTAssertTrue(same.contains("same source, profile, seed and parameters") && same.contains("1 metric unchanged (--all lists them)"), same)
        XCTAssertFalse(same.contains("test.accuracy"), "an unchanged metric is only counted: \(same)")

        let trend = lepton("trend lab3.swift --metric test.accuracy").stdout
        XCTAssertTrue(trend.contains("test.accuracy over 2 runs"), trend)
        XCTAssertTrue(trend.contains("left out 1 run with other settings: \(ids[0]) (epochs=3)"), trend)
        XCTAssertTrue(trend.contains("latest run inside the band"), trend)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Reports/lab3/trend-test.accuracy.png").path))

        let missing = lepton("check lab3.swift", expect: 5)
        XCTAssertTrue(missing.stderr.contains("`lepton baseline save lab3.swift`"), "a hint that works here: \(missing.stderr)")
        XCTAssertTrue(lepton("baseline save lab3.swift").stdout.contains("\(dir.path)/Reports/baselines/lab3/quick/"))
        XCTAssertTrue(lepton("check lab3.swift").stdout.contains("no regression"))
        XCTAssertTrue(lepton("check lab3").stdout.contains("no regression"), "by experiment name in the lab's folder")
        lepton("run lab3.swift --profile quick")
        let worse = lepton("check lab3 --baseline \(ids[0])", expect: 0)
        XCTAssertTrue(worse.stdout.contains("same source, profile, seed and parameters"), worse.stdout)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Reports/lab3/\(ids[0])/results.csv").path))
    }

    /// A semester of runs must not fill the machine's temporary folder: the Swift driver
    /// (`swift --version` for the run's record, `swiftc` for a lab) leaves an empty
    /// `TemporaryDirectory.*` folder in TMPDIR on every call, so Lepton gives it one of its own.
    func testALabCompileAndRunLeaveNothingInTMPDIR() throws {
        let tmp = try temporaryDirectory("tmpdir")
        defer { try? FileManager.default.removeItem(at: tmp) }
        lepton("new lab3.swift")
        let r = InstalledLeptonTests.shell("lepton run lab3.swift --profile quick", in: dir, path: bin.path, environment: ["TMPDIR": tmp.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp.path), [], "left in TMPDIR")

        // Ctrl-C while the compiler runs: lepton exits at once (no unwinding), and removes the
        // compiler's private TMPDIR itself.
        lepton("new lab5.swift")
        let run = Process()
        run.executableURL = bin.appendingPathComponent("lepton")
        run.arguments = ["run", "lab5.swift", "--profile", "quick"]
        run.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["TMPDIR"] = tmp.path
        run.environment = env
        run.standardOutput = FileHandle.nullDevice
        run.standardError = FileHandle.nullDevice
        try run.run()
        func children() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []).filter { $0.hasPrefix("lepton-child-") } }
        let deadline = Date().addingTimeInterval(60)
        while children().isEmpty && run.isRunning && Date() < deadline { usleep(10_000) }
        XCTAssertFalse(children().isEmpty, "the compile of a new lab gives the compiler a private TMPDIR")
        kill(run.processIdentifier, SIGINT)
        run.waitUntilExit()
        XCTAssertEqual(run.terminationStatus, 130)
        XCTAssertEqual(children(), [], "an interrupted compile's TMPDIR left behind")
    }

    /// Acceptance 1 through a symlink, with a sweep and --seeds 3; issue points 4 and 5.
    func testASweepLabWithSeedsThroughASymlink() throws {
        let tools = dir.appendingPathComponent("tools")
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: tools.appendingPathComponent("lepton"), withDestinationURL: bin.appendingPathComponent("lepton"))
        func viaLink(_ args: String, expect status: Int32 = 0) -> LeptonProcess.Result {
            let r = InstalledLeptonTests.shell("tools/lepton " + args, in: dir, path: nil)
            XCTAssertEqual(r.status, status, "tools/lepton \(args)\n\(r.stdout)\n\(r.stderr)")
            return r
        }
        viaLink("new lab4.swift --example sweep")
        let run = viaLink("run lab4.swift --profile quick --seeds 3").stdout
        XCTAssertTrue(run.contains("sweep 'width': 3 points, means over 3 seeds [95 % interval]"), run)
        let id = try XCTUnwrap(try runIDs("lab4").last)

        // Point 4: --set on the swept parameter is refused, naming the sweep and its values.
        let refused = viaLink("run lab4.swift --profile quick --set width=8", expect: 1)
        XCTAssertTrue(refused.stderr.contains("sweep 'width' sets 'width' at every point (4, 16, 64)"), refused.stderr)
        XCTAssertEqual(try runIDs("lab4").count, 1, "nothing written")
        let parameters = try XCTUnwrap(try results("lab4", id)["parameters"] as? [[String: Any]])
        let width = try XCTUnwrap(parameters.first { $0["name"] as? String == "width" })
        XCTAssertEqual(width["value"] as? String, "swept: 4, 16, 64")
        XCTAssertEqual(width["origin"] as? String, "sweep")

        // Point 5: the report's chart says which seed drew it; the metric table and sweep
        // table carry the means with their intervals.
        let html = try String(contentsOf: dir.appendingPathComponent("Reports/lab4/\(id)/report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("One bar per width (seed 1 of 3"), "bar chart caption")
        XCTAssertTrue(html.contains("swept: 4, 16, 64"))
        XCTAssertTrue(html.contains("Sweep &#39;width&#39;: 3 points, means over 3 seeds [95 % interval]") || html.contains("Sweep 'width': 3 points, means over 3 seeds"), "sweep table caption")
        XCTAssertTrue(html.contains("Metrics: mean over 3 seeds"), "one metric table per cell, with means")
        let summary = try XCTUnwrap(try results("lab4", id)["summary"] as? [[String: Any]])
        let narrow = try XCTUnwrap(summary.first { $0["name"] as? String == "test.accuracy" && $0["point"] as? Int == 0 })
        let mean = try XCTUnwrap(narrow["mean"] as? Double), low = try XCTUnwrap(narrow["ci95Low"] as? Double)
        XCTAssertTrue(html.contains("\(String(format: "%.4g", mean)) [\(String(format: "%.4g", low)),"), "sweep cell shows mean [interval]")

        // A parameter that is not swept may be set; show and compare work through the link.
        viaLink("run lab4.swift --profile quick --seeds 3 --set epochs=2")
        let compare = viaLink("compare \(id) lab4.swift").stdout
        XCTAssertTrue(compare.contains("parameter epochs: 5 → 2 (--set)"), compare)
        XCTAssertTrue(viaLink("show lab4.swift").stdout.contains("3 seeds"))
        let csv = try String(contentsOf: dir.appendingPathComponent("Reports/lab4/\(id)/results.csv"), encoding: .utf8)
        XCTAssertTrue(csv.hasPrefix("experiment,run,cell,point,width,replicate,seed,metric,value,unit\n"), csv)
        XCTAssertEqual(csv.split(separator: "\n").filter { $0.contains(",test.accuracy,") }.count, 9, "3 widths × 3 seeds")
    }

    /// Without the libraries beside it, the error names every place searched and LEPTON_KIT;
    /// with LEPTON_KIT the same binary works.
    func testAMissingToolkitNamesEveryPlaceAndLeptonKit() throws {
        let lonely = dir.appendingPathComponent("elsewhere/bin")
        try FileManager.default.createDirectory(at: lonely, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: bin.appendingPathComponent("lepton"), to: lonely.appendingPathComponent("lepton"))
        XCTAssertEqual(InstalledLeptonTests.shell("lepton new lab3.swift", in: dir, path: lonely.path).status, 0)
        let r = InstalledLeptonTests.shell("lepton run lab3.swift --profile quick", in: dir, path: lonely.path)
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("\(dir.path)/elsewhere/lib/lepton (installed beside \(lonely.path)/lepton)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("LEPTON_KIT"), r.stderr)
        let kit = InstalledLeptonTests.shell("lepton run lab3.swift --profile quick", in: dir, path: lonely.path,
                                             environment: ["LEPTON_KIT": InstalledLeptonTests.prefix!.appendingPathComponent("lib/lepton").path])
        XCTAssertEqual(kit.status, 0, kit.stderr)
    }

    /// A tiny lab: `value` comes from a helper, so editing it changes the metric without
    /// changing any setting.
    private func tinyLab(id: String = "lab3", value: String, extra: String = "") -> String {
        """
        import LeptonLab

        private let k = Parameter("k", default: 2, range: 1...10)
        private let score = Metric("score", polarity: .higherIsBetter)
        private let size = Metric("size")

        func computed() -> Double { \(value) }

        let lab = Experiment("\(id)", title: "Tiny") {
            k
            \(extra)
            Cell("measure") { ctx in
                ctx.record(score, computed() * Double(try ctx[k]))
                ctx.record(size, 10)
            }
        }

        """
    }

    /// Point 3: two lab files declaring the same experiment keep their runs apart by
    /// source; results.json records the file name and SHA-256.
    func testTwoLabFilesWithOneExperimentNameAreToldApart() throws {
        let alice = dir.appendingPathComponent("lab3.swift"), bob = dir.appendingPathComponent("bob-lab3.swift")
        try tinyLab(value: "0.9").write(to: alice, atomically: true, encoding: .utf8)
        try tinyLab(value: "0.4").write(to: bob, atomically: true, encoding: .utf8)
        lepton("run lab3.swift")
        lepton("run bob-lab3.swift")
        let ids = try runIDs("lab3")
        XCTAssertEqual(ids.count, 2)
        let source = try XCTUnwrap(try results("lab3", ids[0])["source"] as? [String: Any])
        XCTAssertEqual(source["file"] as? String, "lab3.swift")
        let digest = lepton("show lab3.swift --json").stdout
        XCTAssertTrue(digest.contains("\"score\""), digest)
        let sha = InstalledLeptonTests.shell("sha256sum lab3.swift", in: dir, path: nil).stdout.prefix(64)
        XCTAssertEqual(source["sha256"] as? String, String(sha))

        let show = lepton("show lab3.swift").stdout
        XCTAssertTrue(show.contains("run \(ids[0])") && show.contains("score = 1.8"), "Alice's file shows Alice's run: \(show)")
        let byName = lepton("show lab3")
        XCTAssertTrue(byName.stderr.contains("runs of lab3 come from 2 sources"), byName.stderr)
        let runs = lepton("runs lab3").stdout
        XCTAssertTrue(runs.contains("note: runs of lab3 come from 2 sources"), runs)
        XCTAssertEqual(lepton("runs bob-lab3.swift").stdout.split(separator: "\n").filter { $0.hasPrefix("20") }.count, 1)
        let compare = lepton("compare lab3.swift bob-lab3.swift").stdout
        XCTAssertTrue(compare.contains("source: lab3.swift (SHA-256 ") && compare.contains("→ bob-lab3.swift (SHA-256 ")
                      && compare.contains("(different lab files or modules)"), compare)
        let html = try String(contentsOf: dir.appendingPathComponent("Reports/lab3/\(ids[0])/report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("lab3.swift (SHA-256 \(sha.prefix(12))"), "the report names the source")
    }

    /// Point 6: compare lists only what changed; trend reports a drop at the last run as
    /// "latest run outside the band" and labels points by date; the report links to the
    /// previous run and says what changed.
    func testTrendSeesADropAtTheLastRunAndTheReportLinksThePreviousRun() throws {
        let lab = dir.appendingPathComponent("lab3.swift")
        try tinyLab(value: "0.48").write(to: lab, atomically: true, encoding: .utf8)
        for _ in 0..<3 { lepton("run lab3.swift") }
        try tinyLab(value: "0.2").write(to: lab, atomically: true, encoding: .utf8)   // an edit, same settings
        lepton("run lab3.swift")
        let ids = try runIDs("lab3")
        let trend = lepton("trend lab3.swift --metric score").stdout
        XCTAssertTrue(trend.contains("score over 4 runs"), trend)
        XCTAssertTrue(trend.contains("latest run outside the band: 0.4 against 0.96–0.96 (mean ± 3 sd of the 3 earlier runs)"), trend)
        XCTAssertFalse(trend.contains("no level change among"), "never only 'no level change' over a visible drop: \(trend)")
        XCTAssertTrue(trend.contains("  4. 20") && trend.contains(ids[3]), "points by date and id: \(trend)")

        let compare = lepton("compare \(ids[2]) \(ids[3])").stdout
        XCTAssertTrue(compare.contains("source: lab3.swift edited, SHA-256 "), compare)
        XCTAssertTrue(compare.contains("score (mean): 0.96 → 0.4"), compare)
        XCTAssertTrue(compare.contains("1 metric unchanged (--all lists them)") && !compare.contains("size (mean)"), compare)
        XCTAssertTrue(lepton("compare \(ids[2]) \(ids[3]) --all").stdout.contains("size (mean): 10 → 10"))

        let html = try String(contentsOf: dir.appendingPathComponent("Reports/lab3/\(ids[3])/report.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("href=\"../\(ids[2])/report.html\""), "links to the previous run")
        XCTAssertTrue(html.contains("score 0.96 → 0.4 (−0.56)"), "compared with the previous run")
        XCTAssertTrue(html.contains("Latest run outside the band of the earlier runs"), "the report's history chart caption")
    }

    /// Point 8: a statement placed directly in an Experiment or Sweep body gets a message in
    /// Lepton's words and no path into Lepton's sources.
    func testMisplacedStatementsGetALabFacingError() throws {
        try tinyLab(value: "1", extra: "print(\"hello\")").write(to: dir.appendingPathComponent("lab3.swift"), atomically: true, encoding: .utf8)
        let r = lepton("run lab3.swift", expect: 1)
        XCTAssertTrue(r.stderr.contains("lab3.swift:11:5: error: 'buildExpression' is unavailable: only Parameter, Profile, Seeds, Markdown, Cell, "
            + "Sweep, Claim, Check and Threshold may appear directly in an Experiment { … }; put code inside a Cell"), r.stderr)
        let sweep = "Sweep(\"k\", over: k, [1, 2]) { Markdown(\"x\") }"
        try tinyLab(value: "1", extra: sweep).write(to: dir.appendingPathComponent("lab5.swift"), atomically: true, encoding: .utf8)
        let s = lepton("run lab5.swift", expect: 1)
        XCTAssertTrue(s.stderr.contains("only Cell may appear inside a Sweep { … }"), s.stderr)
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        for text in [r.stderr, s.stderr] {
            XCTAssertFalse(text.contains(checkout + "/Sources") || text.contains(".swiftinterface") || text.contains("lib/lepton/Modules"), text)
        }
    }
}
