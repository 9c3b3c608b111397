import LeptonCore
import LeptonInput

/// Everything that can go wrong in LeptonScheduling: bad instances, solver limits, bad parameters.
/// (Transfer measurement failures are LeptonTransferLab's `TransferLabError`.)
///
/// The cases carry data only; the wording, which names the field or value at fault,
/// expected vs found and what to do, lives in `SchedulingError+Description.swift`.
public enum SchedulingError: Error, Equatable, Sendable {
    /// A field of an instance holds a value that is not allowed (`field` is a path like `jobs[2].work`).
    case invalidField(field: String, found: String, expected: String)
    /// A field refers to a device or job name that does not exist.
    case unknownName(field: String, name: String, known: [String])
    /// Two devices or two jobs share a name.
    case duplicateName(field: String, name: String)
    /// The job graph has a cycle: `jobs` in order with the first repeated at the end
    /// (`[a, a]` for a self-loop), and the index of each edge along it.
    case cyclicDependencies(jobs: [String], edges: [Int])
    /// No device can run this job (its memory need exceeds every device's capacity).
    case noEligibleDevice(job: String, memory: ByteCount, largestDeviceMemory: ByteCount)
    /// An instance file was refused: the file, field path, line and column, expected vs found (docs/INPUTS.md).
    case input(InputProblem)
    /// The solver or enumerator handles only independent jobs but the instance has DAG edges.
    case requiresIndependentJobs(solver: String, edges: Int)
    /// The instance is larger than an exhaustive method allows.
    case tooLarge(method: String, jobs: Int, devices: Int, limit: String)
    /// A parameter of a model, generator or study is out of range.
    case invalidParameter(name: String, found: String, expected: String)
}
