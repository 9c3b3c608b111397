import Foundation

/// Runs short system commands (ip, tc) and finds their executables, turning failures into `TransferLabError`.
enum CommandRunner {
    /// Folders searched after PATH; `ip` and `tc` live in sbin folders that a user's PATH may lack.
    static let fallbackFolders = ["/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin"]

    /// The absolute path of `name`, or nil when it is not installed.
    static func locate(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init) + fallbackFolders
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs `arguments` (the first is the program name, located via `locate`) and returns its output; throws on a non-zero status.
    @discardableResult
    static func run(_ arguments: [String]) throws(TransferLabError) -> String {
        let command = arguments.joined(separator: " ")
        guard let name = arguments.first, let path = locate(name) else {
            throw .commandFailed(command: command, status: 127, output: "\(arguments.first ?? "") not found")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = Array(arguments.dropFirst())
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw .commandFailed(command: command, status: -1, output: "\(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw .commandFailed(command: command, status: process.terminationStatus, output: text)
        }
        return text
    }
}
