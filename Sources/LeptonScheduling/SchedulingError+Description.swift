import Foundation

extension SchedulingError: CustomStringConvertible, LocalizedError {
    /// A sentence naming the field or value at fault, expected vs found, and what to do.
    public var description: String {
        switch self {
        case let .invalidField(field, found, expected):
            return "\(field): expected \(expected) but found \(found); correct this value in the instance"
        case let .unknownName(field, name, known):
            return "\(field): unknown name '\(name)'; expected one of \(known.joined(separator: ", "))"
        case let .duplicateName(field, name):
            return "\(field): the name '\(name)' is used twice; give every device and every job a unique name"
        case let .cyclicDependencies(jobs):
            return "edges: the job graph has a cycle through \(jobs.joined(separator: " → ")); "
                + "expected a DAG; remove one of these edges"
        case let .noEligibleDevice(job, memory, largest):
            return "job '\(job)' needs \(memory) of memory but the largest device has \(largest); "
                + "lower the job's memory or add a device with at least \(memory)"
        case let .unreadableFile(path, reason):
            return "\(path): cannot read the instance file (\(reason)); check the path and permissions"
        case let .malformedInstance(source, field, problem):
            return "\(source): field \(field): \(problem); see docs/SCHEDULING.md for the instance format"
        case let .requiresIndependentJobs(solver, edges):
            return "\(solver) handles independent jobs only but the instance has \(edges) DAG edges; "
                + "use HEFT or another list heuristic for DAGs, or drop the edges"
        case let .tooLarge(method, jobs, devices, limit):
            return "\(method): \(jobs) jobs on \(devices) devices is too large (limit: \(limit)); "
                + "use a smaller instance or the branch-and-bound solver"
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
