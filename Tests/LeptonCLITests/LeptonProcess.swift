import Foundation
import XCTest

/// Runs the built `lepton` executable (next to the test bundle in the build folder).
struct LeptonProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static var executable: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments.first(where: { $0.hasSuffix(".xctest") }) ?? CommandLine.arguments[0])
        return bundle.deletingLastPathComponent().appendingPathComponent("lepton")
    }

    /// The package checkout (three folders above this file: Tests/LeptonCLITests/LeptonProcess.swift).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Runs `lepton` with `arguments` and waits for it. Output goes to temporary files
    /// (no pipe can fill up) and the child is reaped with waitpid directly.
    /// `directory`: the working directory of the child (default: the test's); `launcher` runs
    /// `lepton` under another program (e.g. `["/usr/bin/qemu-x86_64", "-cpu", "EPYC-v1"]`).
    static func run(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil,
                    launcher: [String] = []) throws -> Result {
        let pid = try spawn(arguments, environment: environment, directory: directory, launcher: launcher)
        return try wait(pid)
    }

    /// Starts `lepton` without waiting; returns its process id (see ``wait(_:)``).
    static func spawn(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil,
                      launcher: [String] = []) throws -> Spawned {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("stdout").path, err = dir.appendingPathComponent("stderr").path
        var env = ProcessInfo.processInfo.environment
        // A child the tests kill on purpose must not sit in Swift's crash backtracer.
        env["SWIFT_BACKTRACE"] = "enable=no"
        for (k, v) in environment { env[k] = v }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // posix_spawn has no portable chdir action: a shell changes folder, then becomes lepton.
        let command = launcher + [executable.path] + arguments
        let program = directory == nil ? command[0] : "/bin/sh"
        let argv = (directory.map { ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", $0.path] + command } ?? command).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard rc == 0 else { throw NSError(domain: "posix_spawn", code: Int(rc)) }
        return Spawned(pid: pid, directory: dir)
    }

    /// A started child and the folder holding its output.
    struct Spawned {
        let pid: pid_t
        let directory: URL
    }

    /// Waits for a child started with ``spawn(_:environment:)`` and collects its output.
    static func wait(_ child: Spawned) throws -> Result {
        var status: Int32 = 0
        while waitpid(child.pid, &status, 0) == -1 && errno == EINTR {}
        defer { try? FileManager.default.removeItem(at: child.directory) }
        let o = (try? String(contentsOf: child.directory.appendingPathComponent("stdout"), encoding: .utf8)) ?? ""
        let e = (try? String(contentsOf: child.directory.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0
        return Result(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), stdout: o, stderr: e)
    }
}

func temporaryDirectory(_ label: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}
