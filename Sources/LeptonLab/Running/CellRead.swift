/// One input a cell read while it ran, with the value it had. A cached output is reused
/// only while every recorded read still has the same value.
public enum CellRead: Sendable, Codable, Hashable {
    /// A declared parameter's value.
    case parameter(name: String, value: ParameterValue)
    /// The replicate's seed (`ctx.seed`, `ctx.rng`, `ctx.derivedSeed`).
    case seed(UInt64)
    /// A data set's file checksums (SHA-256 by file name).
    case dataset(name: String, checksums: [String: String])
    /// The SHA-256 of an artifact an earlier cell saved.
    case artifact(name: String, sha256: String)
    /// A digest of every sweep point's metrics (cells after a sweep).
    case sweepResults(sha256: String)
    /// The SHA-256 of a file the cell read (an imported model, a user's instance file).
    case file(path: String, sha256: String)

    /// What was read, without its value.
    public enum Input: Sendable, Hashable, Comparable {
        case parameter(String), seed, dataset(String), artifact(String), sweepResults, file(String)
    }

    /// What was read, without its value.
    public var input: Input {
        switch self {
        case let .parameter(name, _): return .parameter(name)
        case .seed: return .seed
        case let .dataset(name, _): return .dataset(name)
        case let .artifact(name, _): return .artifact(name)
        case .sweepResults: return .sweepResults
        case let .file(path, _): return .file(path)
        }
    }
}
