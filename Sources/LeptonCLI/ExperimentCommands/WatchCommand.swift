import ArgumentParser
internal import FlyingFox
internal import FlyingSocks
import Foundation
import LeptonData
import LeptonLab
import LeptonReport

/// `lepton watch lab.swift`: reruns the lab on every save (what the edit reaches reruns,
/// the rest comes from the cell cache), serves the latest report on 127.0.0.1 and
/// refreshes the open page when a run finishes. A compile error shows in the page and the
/// terminal, naming file and line, while the last good report stays in view. Ctrl-C stops
/// the run in progress (its whole process group) and the server, and exits.
///
/// The server is FlyingFox (a small, dependency-free HTTP server on POSIX sockets); the
/// page polls `/state` twice a second, so no connection is held open across a stop.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Rerun a lab file on every save and serve its report, refreshed live, on 127.0.0.1.")

    @Argument(help: "The lab file (.swift).") var lab: String
    @Option(help: "Port on 127.0.0.1 to serve the report on (0: any free port).") var port: UInt16 = 8765
    @Option(help: "Parameter profile for each run.") var profile: String?
    @Option(name: .customLong("set"), help: "Override a parameter for each run: NAME=VALUE (repeatable).") var settings: [String] = []
    @Option(help: "Reports folder (default: Reports/ beside the lab file).") var reports: String?
    @Option(help: "How often to look at the file, in seconds.") var interval: Double = 0.1

    func validate() throws {
        guard lab.hasSuffix(".swift") else { throw ValidationError("\(lab) is not a lab file: give the .swift file to watch") }
        guard FileManager.default.isReadableFile(atPath: lab) else {
            throw ValidationError("\(lab) cannot be read; check the path (`lepton new \(lab)` writes a starting lab)")
        }
        guard interval > 0 else { throw ValidationError("--interval must be positive, got \(interval)") }
    }

    func run() throws {
        let labURL = URL(fileURLWithPath: lab).standardizedFileURL
        let reportsURL = reports.map { URL(fileURLWithPath: $0) }
            ?? ProcessInfo.processInfo.environment["LEPTON_REPORTS"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? labURL.deletingLastPathComponent().appendingPathComponent("Reports")
        try FileManager.default.createDirectory(at: reportsURL, withIntermediateDirectories: true)
        let state = WatchState()
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), logger: .disabled)
        WatchCommand.routes(server, state: state, reports: reportsURL, lab: labURL.lastPathComponent)
        let serverTask = Task { try await server.run() }
        let bound = WatchCommand.waitForAddress(server)
        guard let bound else {
            serverTask.cancel()
            throw CLIError("cannot serve on 127.0.0.1:\(port): the port is in use or not allowed; choose another with --port")
        }
        Terminal.note("watching \(labURL.path); the report is at http://127.0.0.1:\(bound)/ (Ctrl-C stops)")
        WatchSignals.install()
        var seen: String?
        while !WatchSignals.stopped {
            if let data = FileManager.default.contents(atPath: labURL.path) {
                let digest = SHA256Digest.of(data)
                if digest != seen {
                    seen = digest
                    runOnce(lab: labURL, reports: reportsURL, state: state)
                }
            }
            if !WatchSignals.stopped { Thread.sleep(forTimeInterval: interval) }
        }
        let done = DispatchSemaphore(value: 0)
        Task {
            await server.stop(timeout: 1)
            done.signal()
        }
        _ = done.wait(timeout: .now() + 3)
        serverTask.cancel()
        Terminal.note("stopped watching \(labURL.lastPathComponent)")
    }

    /// One `lepton run` of the lab in its own process group; the page learns the outcome.
    private func runOnce(lab: URL, reports: URL, state: WatchState) {
        state.update { $0.running = true }
        Terminal.note("\(lab.lastPathComponent) changed: running…")
        var args = ["run", lab.path, "--reports", reports.path]
        if let profile { args += ["--profile", profile] }
        for s in settings { args += ["--set", s] }
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-watch-\(getpid()).stderr")
        let status = WatchChild.run(Executable.real.path, args, stderr: errors)
        let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: errors)
        if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
        guard let status else {
            state.update { $0.running = false }
            return
        }
        if status == 0, let latest = WatchCommand.latestReport(lab: lab, reports: reports) {
            state.update {
                $0.version += 1
                $0.report = latest
                $0.error = nil
                $0.running = false
            }
            Terminal.note("report updated: \(reports.appendingPathComponent(latest).path)")
        } else {
            state.update {
                $0.version += 1
                $0.error = text.isEmpty ? "the run failed with status \(status)" : text
                $0.running = false
            }
        }
    }

    /// The newest report (relative to the reports folder) among the lab's experiments.
    static func latestReport(lab: URL, reports: URL) -> String? {
        guard let file = try? LabFile(path: lab.path) else { return nil }
        let store = RunStore(root: reports)
        let runs = file.experimentIDs.compactMap { id in
            RunSelection.history(store, experiment: id, source: lab.path).last.map { (id, $0.folder) }
        }
        guard let newest = runs.max(by: { $0.1 < $1.1 }) else { return nil }
        return "\(newest.0)/\(newest.1)/report.html"
    }

    static func waitForAddress(_ server: HTTPServer) -> UInt16? {
        let result = WatchBox<UInt16?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                try await server.waitUntilListening(timeout: 5)
                if case let .ip4(_, port)? = await server.listeningAddress { result.value = port }
            } catch {}
            done.signal()
        }
        done.wait()
        return result.value
    }

    static func routes(_ server: HTTPServer, state: WatchState, reports: URL, lab: String) {
        let page = Data(WatchCommand.page(lab: lab).utf8)
        Task {
            await server.appendRoute("GET /") { _ in
                HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: page)
            }
            await server.appendRoute("GET /state") { _ in
                let s = state.snapshot
                var json: [String: Any] = ["version": s.version, "running": s.running]
                json["report"] = s.report.map { "/runs/" + $0 } ?? NSNull()
                json["error"] = s.error ?? NSNull()
                let data = (try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])) ?? Data("{}".utf8)
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .init("Cache-Control"): "no-store"], body: data)
            }
            await server.appendRoute("GET /runs/*", to: DirectoryHTTPHandler(root: reports, serverPath: "runs"))
        }
    }

    /// The page: a status line, the compile error when there is one, and the latest good
    /// report in a frame that is swapped when `/state` reports a new version.
    static func page(lab: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>lepton watch — \(HTML.escape(lab))</title>
        <style>
        body { margin: 0; font-family: system-ui, sans-serif; }
        #status { padding: 6px 12px; background: #eef; font-size: 14px; }
        #error { display: none; margin: 0; padding: 8px 12px; background: #fce8e6; color: #a50e0e; white-space: pre-wrap; font-size: 13px; }
        iframe { border: 0; width: 100%; height: calc(100vh - 40px); }
        </style></head><body>
        <div id="status">lepton watch — \(HTML.escape(lab)): waiting for the first run…</div>
        <pre id="error"></pre>
        <iframe id="report" title="report"></iframe>
        <script>
        var shown = -1, report = null;
        function poll() {
          fetch("/state", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
            var status = document.getElementById("status"), error = document.getElementById("error");
            if (s.version !== shown) {
              shown = s.version;
              if (s.report && s.report !== report) { report = s.report; document.getElementById("report").src = s.report; }
              error.textContent = s.error || "";
              error.style.display = s.error ? "block" : "none";
            }
            status.textContent = "lepton watch — \(HTML.escape(lab)): " + (s.running ? "running…" : s.error
              ? "the last edit failed; showing the last good report" : "up to date") + " (run " + s.version + ")";
            document.body.setAttribute("data-version", String(s.version));
          }).catch(function () {
            document.getElementById("status").textContent = "lepton watch stopped";
          }).then(function () { setTimeout(poll, 500); });
        }
        poll();
        </script>
        </body></html>

        """
    }
}

/// What the page polls: the run count, the latest good report, the last error.
final class WatchState: @unchecked Sendable {
    struct Snapshot {
        var version = 0
        var report: String?
        var error: String?
        var running = false
    }

    private let lock = NSLock()
    private var value = Snapshot()

    var snapshot: Snapshot { lock.lock(); defer { lock.unlock() }; return value }

    func update(_ change: (inout Snapshot) -> Void) {
        lock.lock()
        change(&value)
        lock.unlock()
    }
}

final class WatchBox<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

/// SIGINT and SIGTERM set a flag that the watch loop and the child's wait look at.
enum WatchSignals {
    nonisolated(unsafe) private static var flag: sig_atomic_t = 0

    static var stopped: Bool { flag != 0 }

    static func install() {
        signal(SIGINT) { _ in WatchSignals.flag = 1 }
        signal(SIGTERM) { _ in WatchSignals.flag = 1 }
    }
}

/// Runs a child in its own process group, so stopping the watch stops it and everything
/// it started (the compiler, `--jobs` workers) and nothing is left behind.
enum WatchChild {
    /// The exit status, or nil when the watch was stopped during the run.
    static func run(_ path: String, _ arguments: [String], stderr: URL) -> Int32? {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 2, stderr.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, &attributes, argv, environ) == 0 else { return 127 }
        var status: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 { return nil }
            if WatchSignals.stopped {
                kill(-pid, SIGTERM)
                let deadline = Date().addingTimeInterval(3)
                while waitpid(pid, &status, WNOHANG) == 0 && Date() < deadline { usleep(20_000) }
                kill(-pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                return nil
            }
            usleep(20_000)
        }
        // WIFEXITED / WEXITSTATUS, spelled out (they are macros).
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

/// SHA-256 of a file's bytes, to notice a save that changed them.
enum SHA256Digest {
    static func of(_ data: Data) -> String { SHA256.hexDigest([UInt8](data)) }
}
