import Foundation
import XCTest

/// Sweeps on clusters through the real executable: a real single-node Slurm
/// (scripts/slurm-local.sh, Debian's slurm-wlm and munge) and a Kubernetes manifest
/// checked against the Kubernetes schemas (kubernetes-validate, from PyPI).
final class ClusterTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: LeptonProcess.executable.path),
                          "lepton executable not built at \(LeptonProcess.executable.path)")
        dir = try temporaryDirectory("cluster")
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    private static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private let sweep = ["--profile", "quick", "--seed", "7", "--set", "epochs=4", "--threads", "1"]

    // MARK: - Bad input

    /// Bad cluster input names the value and what to do, exits non-zero, and leaves
    /// nothing behind: no scripts, no job.
    func testBadClusterInputIsRefusedBeforeAnythingIsWritten() throws {
        let reports = dir.appendingPathComponent("reports")
        let cases: [([String], String)] = [
            (["--slurm", "--slurm-option", "--array=0-9"], "--slurm-option '--array=0-9': lepton sets --array itself"),
            (["--slurm", "--slurm-option", "partition=debug"], "--slurm-option 'partition=debug': not a long option"),
            (["--slurm", "--slurm-option=--cpus-per-task=4"], "use --threads"),
            (["--slurm", "--point", "1"], "--slurm cannot be combined with --point"),
            (["--slurm", "--kubernetes", "m.yaml"], "--slurm cannot be combined with --kubernetes"),
            (["--slurm-option", "--partition=debug"], "--slurm-option '--partition=debug' needs --slurm"),
            (["--kubernetes", dir.appendingPathComponent("m.yaml").path], "--kubernetes needs --kubernetes-image IMAGE"),
            (["--slurm", "--set", "epochs=many"], "parameter 'epochs': 'many' is not an integer"),
            (["--kubernetes", dir.appendingPathComponent("m.yaml").path, "--kubernetes-image", "x", "--set", "epochs=999"], "parameter 'epochs': 999 is outside"),
        ]
        let noSlurm = (["--slurm"], "sbatch is not on the PATH")
        for (args, expected) in cases + [noSlurm] {
            let r = try LeptonProcess.run(["run", "width-sweep", "--reports", reports.path] + args,
                                          environment: args == noSlurm.0 ? ["PATH": dir.path] : [:])
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains(expected), "\(args): \(r.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: reports.appendingPathComponent("slurm").path), "\(args) wrote scripts")
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("m.yaml").path), "\(args) wrote a manifest")
        }
    }

    // MARK: - Kubernetes

    /// The manifest carries the sweep's size, every option and the shared claim, and
    /// passes kubernetes-validate --strict; a manifest with a wrong field does not.
    func testKubernetesManifestPassesTheSchemaCheck() throws {
        guard let validator = Self.which("kubernetes-validate") else {
            throw XCTSkip("kubernetes-validate is not installed: pip install kubernetes-validate (.ci/run installs it)")
        }
        let file = dir.appendingPathComponent("width-sweep.yaml")
        let r = try LeptonProcess.run(["run", "width-sweep", "--kubernetes", file.path, "--kubernetes-image", "registry.example/lepton:1",
                                       "--kubernetes-lepton", "/usr/local/bin/lepton", "--kubernetes-claim", "shared-reports"] + sweep)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("kubectl apply -f \(file.path)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("kubectl patch job lepton-width-sweep-collect-"), r.stdout)
        let text = try String(contentsOf: file, encoding: .utf8)
        let jobs = try ("\n" + text).components(separatedBy: "\n---\n").dropFirst().map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        XCTAssertEqual(jobs.count, 2, text)
        let points = try XCTUnwrap(jobs.first?["spec"] as? [String: Any])
        XCTAssertEqual(points["completionMode"] as? String, "Indexed")
        XCTAssertEqual(points["completions"] as? Int, 3, "one completion per sweep point")
        XCTAssertEqual((jobs.last?["spec"] as? [String: Any])?["suspend"] as? Bool, true, "the collect waits to be resumed")
        for piece in ["/usr/local/bin/lepton run width-sweep --point \\\"$JOB_COMPLETION_INDEX\\\"", "--profile quick", "--set epochs=4",
                      "--seed 7", "--threads 1", "--reports /reports", "/usr/local/bin/lepton collect width-sweep", "\"claimName\" : \"shared-reports\"",
                      "\"cpu\" : \"1\""] {
            XCTAssertTrue(text.contains(piece), "\(piece) missing from\n\(text)")
        }
        let check = try Self.run(validator, ["--strict", "-k", "1.30.0", file.path])
        XCTAssertEqual(check.status, 0, check.output)
        let broken = dir.appendingPathComponent("broken.yaml")
        try text.replacingOccurrences(of: "\"completions\" : 3", with: "\"completions\" : \"three\"").write(to: broken, atomically: true, encoding: .utf8)
        XCTAssertNotEqual(try Self.run(validator, ["--strict", "-k", "1.30.0", broken.path]).status, 0, "the schema check rejects a wrong type")
    }

    // MARK: - Real Slurm

    /// Two sweeps submitted at once to a real Slurm (width-sweep with --seed 7 --set
    /// epochs=4, and a lab file) both collect; width-sweep's run equals a local run with the
    /// same options and differs from seed 1's. Then a lab point fails on purpose: the
    /// collect fails naming the point and the resubmission; the command it gives, run as
    /// given, makes the collect succeed.
    func testRealSlurmSweepsMatchLocalRunsAndAFailedPointIsResubmitted() throws {
        let started = Date()
        try startSlurm()
        let slurmReports = dir.appendingPathComponent("slurm-reports"), localReports = dir.appendingPathComponent("local-reports")
        let lab = dir.appendingPathComponent("slurmlab.swift")
        try Self.labSource(marker: dir.appendingPathComponent("FAIL").path).write(to: lab, atomically: true, encoding: .utf8)

        // Round 1: two experiments at once.
        let width = try LeptonProcess.run(["run", "width-sweep", "--slurm", "--reports", slurmReports.path] + sweep)
        XCTAssertEqual(width.status, 0, width.stderr)
        let labRun = try LeptonProcess.run(["run", lab.path, "--slurm", "--threads", "1", "--reports", slurmReports.path])
        XCTAssertEqual(labRun.status, 0, labRun.stderr)
        let (widthArray, widthCollect) = try jobIDs(width.stdout)
        let (labArray, labCollect) = try jobIDs(labRun.stdout)
        XCTAssertTrue(width.stdout.contains("follow: squeue -j \(widthArray),\(widthCollect)"), width.stdout)
        let script = try String(contentsOf: try scriptFolder(width.stdout).appendingPathComponent("points.sh"), encoding: .utf8)
        let executable = LeptonProcess.executable.resolvingSymlinksInPath().path
        for piece in ["#SBATCH --array=0-2", "#SBATCH --cpus-per-task=1", "exec \(executable) run width-sweep --point",
                      "--profile quick --set epochs=4 --seed 7 --threads 1 --reports \(slurmReports.path)"] {
            XCTAssertTrue(script.contains(piece), "\(piece) missing from points.sh:\n\(script)")
        }
        try waitForJobs([widthArray, widthCollect, labArray, labCollect])

        let collected = try LeptonProcess.run(["show", "width-sweep", "--json", "--reports", slurmReports.path])
        let widthLog = try collectOutput(width.stdout, widthCollect)
        XCTAssertEqual(collected.status, 0, "width-sweep was not collected: \(collected.stderr)\n\(widthLog)")
        let local = try LeptonProcess.run(["run", "width-sweep", "--json", "--reports", localReports.path] + sweep)
        XCTAssertEqual(local.status, 0, local.stderr)
        let seed1 = try LeptonProcess.run(["run", "width-sweep", "--json", "--reports", localReports.path]
                                          + ["--profile", "quick", "--set", "epochs=4", "--threads", "1"])
        let (cluster, here, first) = try (Self.json(collected), Self.json(local), Self.json(seed1))
        XCTAssertEqual(Self.parameters(cluster), Self.parameters(here))
        XCTAssertTrue(Self.parameters(cluster).contains("epochs=4 (set)"), Self.parameters(cluster).joined(separator: ", "))
        XCTAssertEqual(cluster["seed"] as? Int, 7)
        XCTAssertEqual(Self.metrics(cluster), Self.metrics(here), "the assembled run equals the local run")
        XCTAssertNotEqual(Self.metrics(cluster), Self.metrics(first), "and differs from seed 1's")
        let pointThreads = Self.cells(cluster).filter { $0["point"] != nil }.map { $0["threads"] as? Int }
        XCTAssertEqual(pointThreads, [1, 1, 1], "each point records the threads it ran with")
        let labCollected = try LeptonProcess.run(["show", "slurm-lab", "--json", "--reports", slurmReports.path])
        let labLog = try collectOutput(labRun.stdout, labCollect)
        XCTAssertEqual(labCollected.status, 0, "the lab was not collected: \(labLog)")
        XCTAssertEqual(Self.metrics(try Self.json(labCollected)).last, "total@-=14")

        // Round 2: point 1 of the lab fails on purpose.
        FileManager.default.createFile(atPath: dir.appendingPathComponent("FAIL").path, contents: Data())
        let failing = try LeptonProcess.run(["run", lab.path, "--slurm", "--threads", "1", "--set", "offset=1", "--reports", slurmReports.path])
        XCTAssertEqual(failing.status, 0, failing.stderr)
        let (failArray, failCollect) = try jobIDs(failing.stdout)
        try waitForJobs([failArray, failCollect])
        let message = try collectOutput(failing.stdout, failCollect)
        let folder = try scriptFolder(failing.stdout).path
        XCTAssertTrue(message.contains("slurm-lab: sweep point 1 has no result in the cache"), message)
        XCTAssertTrue(message.contains("its output: \(folder)/point-1.out"), message)
        let resubmit = "sbatch --array=1 \(folder)/points.sh"
        XCTAssertTrue(message.contains("\n  \(resubmit)\n"), "no exact resubmission command in:\n\(message)")
        XCTAssertTrue(try Self.run("/usr/bin/env", ["scontrol", "show", "job", failCollect]).output.contains("JobState=FAILED"), "the collect job failed")
        let pointLog = try String(contentsOfFile: "\(folder)/point-1.out", encoding: .utf8)
        XCTAssertTrue(pointLog.contains("fails on purpose"), pointLog)

        try FileManager.default.removeItem(at: dir.appendingPathComponent("FAIL"))
        let again = try Self.run("/usr/bin/env", resubmit.split(separator: " ").map(String.init))
        XCTAssertEqual(again.status, 0, again.output)
        let againID = try XCTUnwrap(again.output.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }, again.output)
        let collectLine = try XCTUnwrap(message.split(separator: "\n").last { $0.contains("collect.sh") })
        let collectAgain = try Self.run("/usr/bin/env", collectLine.replacingOccurrences(of: "<job id printed by the line above>", with: againID)
            .split(separator: " ").map(String.init))
        XCTAssertEqual(collectAgain.status, 0, collectAgain.output)
        let collectID = try XCTUnwrap(collectAgain.output.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        try waitForJobs([againID, collectID])
        let fixed = try LeptonProcess.run(["show", "slurm-lab", "--json", "--reports", slurmReports.path])
        let fixedRun = try Self.json(fixed)
        XCTAssertEqual(Self.metrics(fixedRun).last, "total@-=17",
                       "after resubmission the collect succeeds: \((try? String(contentsOfFile: "\(folder)/collect-\(collectID).out", encoding: .utf8)) ?? "")")
        XCTAssertTrue(Self.parameters(fixedRun).contains("offset=1 (set)"))
        FileHandle.standardError.write(Data("real-Slurm test: \(String(format: "%.0f", Date().timeIntervalSince(started))) s\n".utf8))
    }

    // MARK: - Helpers

    private static func labSource(marker: String) -> String {
        """
        import Foundation
        import LeptonLab

        private let k = Parameter("k", default: 1, range: 1...10)
        private let offset = Parameter("offset", default: 0, range: 0...100)
        private let value = Metric("value")
        private let total = Metric("total")

        struct PlannedFailure: Error, CustomStringConvertible {
            var description: String { "point k=2 fails on purpose" }
        }

        let lab = Experiment("slurm-lab", title: "A sweep for Slurm") {
            k
            offset
            Sweep("k", over: k, [1, 2, 3]) {
                Cell("square") { ctx in
                    let v = try ctx[k]
                    if v == 2, FileManager.default.fileExists(atPath: "\(marker)") { throw PlannedFailure() }
                    ctx.record(value, Double(v * v + (try ctx[offset])))
                }
            }
            Cell("total") { ctx in ctx.record(total, ctx.sweepResults().compactMap { $0[value] }.reduce(0, +)) }
        }
        """
    }

    /// Starts the local cluster (installing Slurm when missing) and, when it was not
    /// running before, stops it after the test; skips only when Slurm cannot be installed.
    private func startSlurm() throws {
        let script = Self.packageRoot.appendingPathComponent("scripts/slurm-local.sh").path
        let wasRunning = try Self.run("/bin/bash", [script, "status"]).output.contains("slurmd: pid")
        let r = try Self.run("/bin/bash", [script, "start"])
        if !wasRunning && r.status == 0 { addTeardownBlock { _ = try? Self.run("/bin/bash", [script, "stop"]) } }
        if r.status == 3 { throw XCTSkip("Slurm cannot be installed on this machine: \(r.output)") }
        XCTAssertEqual(r.status, 0, r.output)
        if r.status != 0 { throw XCTSkip("the local Slurm did not start (failure recorded above)") }
    }

    private func jobIDs(_ stdout: String) throws -> (String, String) {
        let array = try XCTUnwrap(stdout.firstMatch(of: /as array job (\d+)/)?.1, stdout)
        let collect = try XCTUnwrap(stdout.firstMatch(of: /collect job (\d+)/)?.1, stdout)
        return (String(array), String(collect))
    }

    private func scriptFolder(_ stdout: String) throws -> URL {
        let path = try XCTUnwrap(stdout.firstMatch(of: /--array=\S+ (\S+)\/points\.sh/)?.1, stdout)
        return URL(fileURLWithPath: String(path))
    }

    private func collectOutput(_ stdout: String, _ id: String) throws -> String {
        (try? String(contentsOf: try scriptFolder(stdout).appendingPathComponent("collect-\(id).out"), encoding: .utf8)) ?? "(no collect output)"
    }

    /// Waits until none of `ids` is pending or running (10 minutes at most).
    private func waitForJobs(_ ids: [String]) throws {
        let deadline = Date().addingTimeInterval(600)
        while Date() < deadline {
            let q = try Self.run("/usr/bin/env", ["squeue", "-h", "-o", "%i %T", "-j", ids.joined(separator: ",")])
            if q.status == 0 && q.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return }
            Thread.sleep(forTimeInterval: 1)
        }
        XCTFail("jobs \(ids) did not end within 10 minutes")
        throw XCTSkip("timed out")
    }

    private static func json(_ r: LeptonProcess.Result) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stderr)
    }

    private static func cells(_ json: [String: Any]) -> [[String: Any]] { (json["cells"] as? [[String: Any]]) ?? [] }

    private static func metrics(_ json: [String: Any]) -> [String] {
        ((json["metrics"] as? [[String: Any]]) ?? []).filter { ($0["measured"] as? Bool) != true }
            .map { "\($0["name"] ?? "")@\($0["point"] ?? "-")=\($0["value"] ?? "")" }
    }

    private static func parameters(_ json: [String: Any]) -> [String] {
        ((json["parameters"] as? [[String: Any]]) ?? []).map { "\($0["name"] ?? "")=\($0["value"] ?? "") (\($0["origin"] ?? ""))" }
    }

    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a program; output (both streams) goes through a file, so no pipe fills up.
    /// posix_spawn and waitpid, as LeptonProcess does: Foundation's Process misses the exit
    /// of a child whose own children (here the Slurm daemons) live on.
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-cmd-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard rc == 0 else { throw NSError(domain: "posix_spawn \(program)", code: Int(rc)) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        return ((status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f), output)
    }
}
