import LeptonCore

/// Everything that can go wrong while measuring transfers: system calls, peer processes,
/// shaping commands, transfers and out-of-range parameters.
///
/// The cases carry data only; the wording, which names the call, command or value at
/// fault and what to do, lives in `TransferLabError+Description.swift`.
public enum TransferLabError: Error, Equatable, Sendable {
    /// A parameter of a link profile, path or harness is out of range.
    case invalidParameter(name: String, found: String, expected: String)
    /// A POSIX call of the transfer harness failed.
    case systemCallFailed(call: String, errno: Int32, message: String)
    /// The peer process (python3 sink or relay) could not be started or misbehaved.
    case peerFailed(command: String, reason: String)
    /// A command that sets up namespaces, veth pairs or qdiscs failed.
    case commandFailed(command: String, status: Int32, output: String)
    /// A transfer did not complete: fewer bytes were acknowledged than sent, or time ran out.
    case transferFailed(bytes: ByteCount, reason: String)
}
