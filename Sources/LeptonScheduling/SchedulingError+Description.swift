import Foundation
import LeptonInput

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
        case let .cyclicDependencies(jobs, edges):
            return "edges: expected a job graph without cycles (a DAG) but found \(Self.cycleText(jobs: jobs, edges: edges)); "
                + "remove or reverse one of these edges"
        case let .noEligibleDevice(job, memory, largest):
            return "job '\(job)' needs \(memory) of memory but the largest device has \(largest); "
                + "lower the job's memory or add a device with at least \(memory)"
        case let .input(problem):
            return problem.description
        case let .requiresIndependentJobs(solver, edges):
            return "\(solver) handles independent jobs only but the instance has \(edges) DAG edges; "
                + "use HEFT or another list heuristic for DAGs, or drop the edges"
        case let .tooLarge(method, jobs, devices, limit):
            return "\(method): \(jobs) jobs on \(devices) devices is too large (limit: \(limit)); "
                + "use a smaller instance or the branch-and-bound solver"
        case let .invalidParameter(name, found, expected):
            return "\(name) = \(found) is not allowed; expected \(expected)"
        }
    }

    /// "the cycle a → b → a (edges[0] a → b, edges[3] b → a)"; "the self-loop a → a (edges[2])".
    static func cycleText(jobs: [String], edges: [Int]) -> String {
        let path = jobs.joined(separator: " → ")
        if jobs.count == 2, jobs[0] == jobs[1] {
            return "the self-loop \(path)" + (edges.first.map { " (edges[\($0)])" } ?? "")
        }
        let steps = zip(edges, zip(jobs, jobs.dropFirst())).map { "edges[\($0)] \($1.0) → \($1.1)" }
        return "the cycle \(path)" + (steps.isEmpty ? "" : " (\(steps.joined(separator: ", ")))")
    }

    /// The same text as `description`, for `localizedDescription`.
    public var errorDescription: String? { description }
}
