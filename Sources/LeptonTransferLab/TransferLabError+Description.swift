import Foundation

extension TransferLabError: CustomStringConvertible, LocalizedError {
    /// A sentence naming the call, command or value at fault and what to do.
    public var description: String {
        switch self {
        case let .invalidParameter(name, found, expected):
            return "\(name) = \(found) is not allowed; expected \(expected)"
        case let .systemCallFailed(call, errno, message):
            return "\(call) failed with errno \(errno) (\(message)); check that loopback works and ports are free"
        case let .peerFailed(command, reason):
            return "peer process `\(command)` failed: \(reason); check that python3 is installed and on PATH"
        case let .commandFailed(command, status, output):
            return "`\(command)` exited with status \(status): \(output.trimmingCharacters(in: .whitespacesAndNewlines)); "
                + "namespace shaping needs root (or CAP_NET_ADMIN) and iproute2"
        case let .transferFailed(bytes, reason):
            return "transfer of \(bytes) failed: \(reason); retry, or lower the size or the number of transfers"
        }
    }

    /// The same text as `description`, for `localizedDescription`.
    public var errorDescription: String? { description }
}
