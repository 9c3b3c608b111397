import Foundation
import XCTest

/// Issue 25 through the real executable, on the class lab of scripts/labs/class-lab.swift
/// (a training cell, a chart cell that calls a helper, a claim): edits rerun only what
/// they reach (acceptance 1), `lepton grade` classifies six submissions (acceptance 4),
/// and `lepton watch` in a real headless Chromium (acceptance 3).
final class ClassLabTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: LeptonProcess.executable.path),
                          "lepton executable not built at \(LeptonProcess.executable.path)")
        let kit = LeptonProcess.executable.deletingLastPathComponent().appendingPathComponent("libLeptonKit.so")
        try XCTSkipUnless(FileManager.default.fileExists(atPath: kit.path), "LeptonKit not built at \(kit.path) (swift build --build-tests builds it)")
        dir = try temporaryDirectory("class-lab")
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    private var handout: String {
        get throws {
            try String(contentsOf: LeptonProcess.packageRoot.appendingPathComponent("scripts/labs/class-lab.swift"), encoding: .utf8)
        }
    }

    private func write(_ text: String, to path: String) throws -> URL {
        let url = dir.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    private func edited(_ text: String, _ original: String, _ replacement: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        XCTAssertTrue(text.contains(original), "the handout has \(original)", file: file, line: line)
        return text.replacingOccurrences(of: original, with: replacement)
    }

    private func run(_ file: URL, _ extra: [String] = []) throws -> [String: Any] {
        let r = try LeptonProcess.run(["run", file.path, "--json"] + extra)
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], r.stderr)
    }

    private func statuses(_ json: [String: Any]) -> [String] {
        ((json["cells"] as? [[String: Any]]) ?? []).map { "\($0["cell"] ?? ""):\($0["status"] ?? "")" }
    }

    /// Acceptance 1: the chart helper reruns only the chart cell; a function the training
    /// cell calls directly, through another helper, a type's method or an extension reruns
    /// it; `lepton list --code` names what each cell depends on.
    func testEditsRerunOnlyTheCellsTheyReach() throws {
        var text = try handout
        let file = try write(text, to: "lab.swift")
        XCTAssertEqual(statuses(try run(file)), ["train:ran", "chart:ran"])
        XCTAssertEqual(statuses(try run(file)), ["train:cached", "chart:cached"])

        let list = try LeptonProcess.run(["list", file.path, "--code"])
        XCTAssertEqual(list.status, 0, list.stderr)
        let lines = list.stdout.split(separator: "\n").map(String.init)
        let trainDeps = try XCTUnwrap(lines.firstIndex { $0.contains("cell train:") }.map { lines[$0 + 1] })
        let chartDeps = try XCTUnwrap(lines.firstIndex { $0.contains("cell chart:") }.map { lines[$0 + 1] })
        for name in ["func makeModel", "func outputLayer", "struct Recipe", "extension Double"] {
            XCTAssertTrue(trainDeps.contains(name), "train depends on \(name): \(trainDeps)")
        }
        XCTAssertTrue(chartDeps.contains("func chartTitle"), chartDeps)
        XCTAssertFalse(chartDeps.contains("func makeModel"), chartDeps)
        XCTAssertFalse(trainDeps.contains("func chartTitle"), trainDeps)

        text = edited(text, "\"Training loss by epoch\"", "\"Loss per epoch\"")
        _ = try write(text, to: "lab.swift")
        XCTAssertEqual(statuses(try run(file)), ["train:cached", "chart:ran"], "the chart helper")

        let reaching = [
            ("directly", "func makeModel(width: Int) -> Sequential {\n    Sequential(", "func makeModel(width: Int) -> Sequential {\n    return Sequential("),
            ("through another helper", "Dense(units: 10, activation: .softmax) }", "Dense(units: 10, activation: .softmax, kernelInitializer: .glorotUniform) }"),
            ("a type's method", "Adam(learningRate: rate)", "Adam(learningRate: rate * 0.5)"),
            ("an extension", "(self * 10_000).rounded() / 10_000", "(self * 1_000).rounded() / 1_000"),
        ]
        for (how, original, replacement) in reaching {
            text = edited(text, original, replacement)
            _ = try write(text, to: "lab.swift")
            let json = try run(file)
            XCTAssertEqual(statuses(json).first, "train:ran", "a function the training cell reaches \(how)")
        }
        // Over-approximation: `Double` names the extension too, so the chart cell (which
        // converts with `Double(…)`) reran with the extension edit; an unused helper added
        // anywhere reruns nothing.
        text += "\nfunc unusedHelper() -> Int { 42 }\n"
        _ = try write(text, to: "lab.swift")
        XCTAssertEqual(statuses(try run(file)), ["train:cached", "chart:cached"])
    }

    /// Acceptance 4: a key and six submissions made here — unchanged, a changed parameter,
    /// an edited cell, an edited claim, a truncated results.json and one edited by hand —
    /// each classified in grades.csv and grades.html.
    func testGradeClassifiesEachSubmission() throws {
        let text = try handout
        func runInto(_ folder: String, _ source: String, _ extra: [String] = []) throws -> URL {
            let file = try write(source, to: "\(folder)/lab.swift")
            let json = try run(file, extra)
            let id = try XCTUnwrap(json["runID"] as? String)
            return dir.appendingPathComponent("\(folder)/Reports/class-lab/\(id)")
        }
        let key = try runInto("teacher", text)
        _ = try runInto("alice", text)
        _ = try runInto("bob", text, ["--set", "hidden=8"])
        _ = try runInto("carol", edited(text, "batchSize: 32", "batchSize: 16"))
        _ = try runInto("dave", edited(text, "interval: 0.8...1.0", "interval: 0.95...1.0"))
        let erinRun = try runInto("erin", text)
        let frankRun = try runInto("frank", text)
        let results = erinRun.appendingPathComponent("results.json")
        let bytes = try Data(contentsOf: results)
        try bytes.prefix(bytes.count / 2).write(to: results)
        // Frank edits his accuracy by hand (the metric only, as a student would).
        let frankFile = frankRun.appendingPathComponent("results.json")
        let original = try String(contentsOf: frankFile, encoding: .utf8)
        let value = try XCTUnwrap(original.range(of: #""value" : 0\.[0-9]+"#, options: .regularExpression))
        try original.replacingCharacters(in: value, with: "\"value\" : 0.999").write(to: frankFile, atomically: true, encoding: .utf8)

        let students = ["alice", "bob", "carol", "dave", "erin", "frank"]
        let out = dir.appendingPathComponent("grades")
        let r = try LeptonProcess.run(["grade", key.path] + students.map { dir.appendingPathComponent($0).path } + ["--output", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let csv = try String(contentsOf: out.appendingPathComponent("grades.csv"), encoding: .utf8)
        let rows = csv.split(separator: "\r\n").map { line in
            line.dropFirst().dropLast().components(separatedBy: "\",\"")
        }
        XCTAssertEqual(rows.first?.prefix(2), ["student", "classification"])
        let byStudent = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], $0) })
        XCTAssertEqual(byStudent["alice"]?[1], "unchanged", csv)
        XCTAssertTrue(byStudent["alice"]?[6].contains("equal to the key's bit for bit") == true, csv)
        XCTAssertEqual(byStudent["bob"]?[1], "changed parameter", csv)
        XCTAssertEqual(byStudent["bob"]?[2], "hidden: 16 → 8", csv)
        XCTAssertEqual(byStudent["carol"]?[1], "edited cell", csv)
        XCTAssertEqual(byStudent["carol"]?[3], "train", "only the edited cell, not the chart that read its artifact")
        XCTAssertEqual(byStudent["dave"]?[1], "edited claim", csv)
        XCTAssertEqual(byStudent["dave"]?[4], "test accuracy of at least 0.8", csv)
        XCTAssertEqual(byStudent["erin"]?[1], "corrupt", csv)
        XCTAssertTrue(byStudent["erin"]?[7].contains("truncated") == true, csv)
        XCTAssertEqual(byStudent["frank"]?[1], "tampered", csv)
        XCTAssertTrue(byStudent["frank"]?[7].contains("does not follow from its recorded values") == true
                      || byStudent["frank"]?[7].contains("gives") == true, csv)
        let html = try String(contentsOf: out.appendingPathComponent("grades.html"), encoding: .utf8)
        for (student, finding) in [("alice", "unchanged"), ("bob", "changed-parameter"), ("carol", "edited-cell"),
                                   ("dave", "edited-claim"), ("erin", "corrupt"), ("frank", "tampered")] {
            XCTAssertTrue(html.contains("<td>\(student)</td><td class=\"\(finding)\">"), "\(student) is \(finding) in the HTML")
        }
    }

    /// Acceptance 3: `lepton watch` with the page open in headless Chromium; the lab is
    /// edited and the page shows the new chart without a reload; a compile error shows in
    /// the page with file and line; SIGINT (Ctrl-C) leaves no process behind.
    func testWatchRefreshesTheOpenPageAndStopsCleanly() throws {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let node = ["/usr/bin/node", "/usr/local/bin/node"].first { FileManager.default.isExecutableFile(atPath: $0) }
        try XCTSkipUnless(chromium != nil && node != nil, "needs chromium (LEPTON_WITH_CHROMIUM=1 make setup) and node")
        let file = try write(try handout, to: "lab.swift")
        let watch = try LeptonProcess.spawn(["watch", file.path, "--port", "0"])
        var stopped = false
        defer { if !stopped { kill(watch.pid, SIGKILL); _ = try? LeptonProcess.wait(watch) } }
        let errPath = watch.directory.appendingPathComponent("stderr").path
        var url: String?
        for _ in 0..<300 where url == nil {
            let text = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            if let r = text.range(of: #"http://127\.0\.0\.1:\d+/"#, options: .regularExpression) { url = String(text[r]) }
            else { usleep(100_000) }
        }
        let page = try XCTUnwrap(url, "the watch names its address")
        let script = LeptonProcess.packageRoot.appendingPathComponent("scripts/watch-browser-check.mjs").path
        let check = try Shell.run(node!, ["--experimental-websocket", script, page, file.path, "Training loss by epoch", "Loss by epoch, edited"])
        XCTAssertEqual(check.status, 0, "\(check.stdout)\n\(check.stderr)")
        XCTAssertTrue(check.stdout.contains("\"new chart without reload\"") && check.stdout.contains("\"compile error in the page\""), check.stdout)
        let terminal = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        XCTAssertTrue(terminal.contains("lab.swift:13:"), "the terminal names file and line too: \(terminal)")

        // Ctrl-C while a run may be in progress: the watch and everything it started end.
        try (try handout).replacingOccurrences(of: "Training loss", with: "Loss").write(to: file, atomically: true, encoding: .utf8)
        usleep(400_000)
        let family = Shell.descendants(of: watch.pid)
        kill(watch.pid, SIGINT)
        let result = try LeptonProcess.wait(watch)
        stopped = true
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stderr.contains("stopped watching lab.swift"), result.stderr)
        usleep(200_000)
        let alive = family.filter { kill($0, 0) == 0 && !Shell.isZombie($0) }
        XCTAssertEqual(alive, [], "processes left behind: \(alive)")
        let port = try XCTUnwrap(page.split(separator: ":").last.flatMap { Int($0.dropLast()) })
        XCTAssertFalse(Shell.canConnect(port: port), "the port is closed")
    }
}

/// Small process helpers for the watch test.
enum Shell {
    static func run(_ path: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// Every process whose parent chain leads to `pid` (from /proc).
    static func descendants(of pid: pid_t) -> [pid_t] {
        var parent: [pid_t: pid_t] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let p = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let pp = pid_t(fields[1]) { parent[p] = pp }
        }
        return parent.keys.filter { p in
            var q = p
            while let up = parent[q], up > 1 { if up == pid { return true }; q = up }
            return false
        }
    }

    static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
    }

    static func canConnect(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
