import LeptonScheduling
import Foundation
import LeptonCore
#if canImport(Glibc)
import Glibc
#endif

/// A running python3 peer (sink or relay) in its own process; stopped when released.
final class PeerProcess {
    private let process: Process
    private let stdout: Pipe
    private let stderr: Pipe
    /// The TCP port the peer listens on.
    let port: UInt16
    /// The command line, for error messages.
    let command: String

    /// Starts `python3 -c <PeerScript> arguments…`, optionally inside network namespace `namespace`
    /// (via `ip netns exec`), and waits up to `timeout` for it to print its port.
    init(arguments: [String], namespace: String?, timeout: Seconds = .seconds(10)) throws(TransferLabError) {
        var commandLine = ["python3", "-c", PeerScript.source] + arguments
        if let namespace { commandLine = ["ip", "netns", "exec", namespace] + commandLine }
        command = (commandLine.prefix(namespace == nil ? 1 : 5) + ["-c", "<peer script>"] + arguments).joined(separator: " ")
        guard let executable = CommandRunner.locate(commandLine[0]) else {
            throw .peerFailed(command: command, reason: "\(commandLine[0]) not found on PATH")
        }
        let out = Pipe(), errors = Pipe()
        stdout = out
        stderr = errors
        do {
            process = try Subprocess.start(URL(fileURLWithPath: executable), arguments: Array(commandLine.dropFirst()),
                                           output: .pipe(out), errors: .pipe(errors))
        } catch {
            throw .peerFailed(command: command, reason: "could not start (\(error.reason))")
        }
        let line = Self.readLine(stdout.fileHandleForReading.fileDescriptor, timeout: timeout)
        let parts = line.split(separator: " ")
        guard parts.count == 2, parts[0] == "PORT", let port = UInt16(parts[1]) else {
            process.terminate()
            process.waitUntilExit()
            let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw .peerFailed(command: command, reason: "expected a line \"PORT <n>\" but got \"\(line)\"; stderr: \(errors)")
        }
        self.port = port
    }

    deinit { stop() }

    /// Stops the peer (SIGTERM) and waits for it.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// Reads one line from `fd`, giving up after `timeout`.
    private static func readLine(_ fd: Int32, timeout: Seconds) -> String {
        var bytes: [UInt8] = []
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(Int(timeout.value * 1000)))
        while clock.now < deadline {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 100)
            if ready < 0 && errno != EINTR { break }
            guard ready > 0 else { continue }
            var byte: UInt8 = 0
            let count = read(fd, &byte, 1)
            if count <= 0 { break }
            if byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
