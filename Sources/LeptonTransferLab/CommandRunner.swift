import Foundation
import LeptonCore

/// Runs short system commands (ip, tc) and finds their executables, turning failures into `TransferLabError`.
enum CommandRunner {
    /// Folders searched after PATH; `ip` and `tc` live in sbin folders that a user's PATH may lack.
    static let fallbackFolders = ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"]

    /// The absolute path of `name`, or nil when it is not installed.
    static func locate(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        Subprocess.locate(name, extraFolders: fallbackFolders, environment: environment)
    }

    /// Runs `arguments` (the first is the program name, located via `locate`) and returns its output; throws on a non-zero status.
    @discardableResult
    static func run(_ arguments: [String]) throws(TransferLabError) -> String {
        let command = arguments.joined(separator: " ")
        guard let name = arguments.first, let path = locate(name) else {
            throw .commandFailed(command: command, status: 127, output: "\(arguments.first ?? "") not found")
        }
        let done: Subprocess.Finished
        do {
            done = try Subprocess.run(URL(fileURLWithPath: path), arguments: Array(arguments.dropFirst()), errors: .withOutput)
        } catch {
            throw .commandFailed(command: command, status: -1, output: "\(error)")
        }
        guard done.succeeded else {
            throw .commandFailed(command: command, status: done.status, output: done.output)
        }
        return done.output
    }
}
