import Foundation

/// The one place Lepton starts other programs (compilers, `pkg-config`, `sbatch`, `ip`/`tc`,
/// its own child processes): where their output goes is said once per call, a program that
/// cannot be started is an error naming it, and output is read before waiting so no pipe
/// fills up.
public enum Subprocess {
    /// Where a child's standard output goes.
    public enum Output {
        /// Read into ``Finished/output``.
        case capture
        /// Thrown away.
        case discard
        /// The parent's standard output.
        case inherit
        /// Written to this file (created or truncated); read back into ``Finished/output``.
        case file(URL)
        /// A pipe the caller reads (``start(_:arguments:output:errors:)`` only).
        case pipe(Pipe)
    }

    /// Where a child's standard error goes.
    public enum Errors {
        /// Thrown away.
        case discard
        /// The parent's standard error.
        case inherit
        /// Wherever standard output goes (one interleaved stream).
        case withOutput
        /// A pipe the caller reads (``start(_:arguments:output:errors:)`` only).
        case pipe(Pipe)
    }

    /// A finished child: its exit status and its output (captured or read from the file).
    public struct Finished: Sendable {
        /// The exit status (a signal's number + 128 when killed by one).
        public let status: Int32
        /// Standard output (with standard error when ``Errors/withOutput``); empty unless captured or filed.
        public let output: String
        /// Whether it exited with status 0.
        public var succeeded: Bool { status == 0 }
    }

    /// Why a child could not be started.
    public struct LaunchError: Error, CustomStringConvertible {
        /// The program.
        public let executable: String
        /// What the system said.
        public let reason: String
        public var description: String { "cannot start \(executable): \(reason)" }
    }

    /// Runs `executable` with `arguments` and waits for it. With `privateTemporaryFolder`, the
    /// child's `TMPDIR` is a fresh folder inside ours, removed when it exits, with whatever it
    /// left there (the Swift driver leaves an empty `TemporaryDirectory.*` on every call).
    public static func run(_ executable: URL, arguments: [String], output: Output = .capture,
                           errors: Errors = .discard, privateTemporaryFolder: Bool = false) throws(LaunchError) -> Finished {
        var capture: Pipe?
        if case .capture = output { capture = Pipe() }
        var folder: URL?
        if privateTemporaryFolder {
            let made = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-child-\(UUID().uuidString)")
            if (try? FileManager.default.createDirectory(at: made, withIntermediateDirectories: true)) != nil { folder = made }
        }
        defer { if let folder { try? FileManager.default.removeItem(at: folder) } }
        let process = try start(executable, arguments: arguments, output: capture.map { .pipe($0) } ?? output, errors: errors,
                                temporaryFolder: folder)
        let id = running.add(process.processIdentifier, folder: folder?.path)
        defer { running.remove(id) }
        let data = capture?.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        var text = data.map { String(decoding: $0, as: UTF8.self) } ?? ""
        if case let .file(url) = output { text = (try? String(contentsOf: url, encoding: .utf8)) ?? "" }
        return Finished(status: status, output: text)
    }

    /// The children ``run(_:arguments:output:errors:privateTemporaryFolder:)`` waits for, with
    /// their private temporary folders.
    private static let running = Running()

    private final class Running: @unchecked Sendable {
        struct Child { let pid: Int32, folder: String? }
        private let lock = NSLock()
        private var children: [Int: Child] = [:]
        private var next = 0
        func add(_ pid: Int32, folder: String?) -> Int {
            lock.withLock { next += 1; children[next] = Child(pid: pid, folder: folder); return next }
        }
        func remove(_ id: Int) { lock.withLock { children[id] = nil } }
        var all: [Child] { lock.withLock { Array(children.values) } }
    }

    /// Stops (SIGTERM) the children ``run(_:arguments:output:errors:privateTemporaryFolder:)``
    /// is waiting for and removes their private temporary folders: for a process about to end
    /// without unwinding (an interrupt's handler), which would otherwise leave both behind.
    public static func stopChildren() {
        for child in running.all {
            kill(child.pid, SIGTERM)
            if let folder = child.folder { try? FileManager.default.removeItem(atPath: folder) }
        }
    }

    /// Starts `executable` with `arguments` without waiting (a long-running peer, parallel
    /// children); `temporaryFolder`, when given, is its `TMPDIR`.
    public static func start(_ executable: URL, arguments: [String], output: Output = .discard,
                             errors: Errors = .inherit, temporaryFolder: URL? = nil) throws(LaunchError) -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder = temporaryFolder {
            var environment = ProcessInfo.processInfo.environment
            environment["TMPDIR"] = folder.path
            process.environment = environment
        }
        var file: FileHandle?
        switch output {
        case .capture: process.standardOutput = Pipe()
        case .discard: process.standardOutput = FileHandle.nullDevice
        case .inherit: break
        case let .file(url):
            guard FileManager.default.createFile(atPath: url.path, contents: nil), let handle = try? FileHandle(forWritingTo: url) else {
                throw LaunchError(executable: executable.path, reason: "cannot write its output to \(url.path)")
            }
            file = handle
            process.standardOutput = handle
        case let .pipe(pipe): process.standardOutput = pipe
        }
        switch errors {
        case .discard: process.standardError = FileHandle.nullDevice
        case .inherit: break
        case .withOutput: process.standardError = process.standardOutput
        case let .pipe(pipe): process.standardError = pipe
        }
        do { try process.run() } catch { throw LaunchError(executable: executable.path, reason: "\(error)") }
        try? file?.close()      // the child holds its own descriptor
        return process
    }

    /// The absolute path of program `name`: the first executable in `PATH`, then in `extraFolders`; nil when none.
    public static func locate(_ name: String, extraFolders: [String] = [],
                              environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + extraFolders
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
