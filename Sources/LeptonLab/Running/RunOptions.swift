import Foundation

/// How to run an experiment.
public struct RunOptions: Sendable {
    /// The profile to apply (nil: defaults only).
    public var profile: String?
    /// `name=value` overrides from `--set`.
    public var overrides: [String]
    /// The base seed; replicate r uses seed + r.
    public var seed: UInt64
    /// Overrides the experiment's `Seeds(k)`.
    public var replicates: Int?
    /// Reuse cached cells (false: run everything, `--no-cache`).
    public var useCache: Bool
    /// Run only this sweep point (and the cells before the sweep), for external schedulers.
    public var point: Int?
    /// Compute threads.
    public var threads: Int
    /// The reports folder (runs, cache, baselines).
    public var reports: URL
    /// Do not run sweep cells that are not cached; report their points as missing
    /// (`lepton collect`).
    public var requireCachedSweep = false
    /// How cells' code is identified for the cache (the binary's source manifests).
    public var identity: CodeIdentity = .executableOnly

    /// Options with the usual defaults.
    public init(profile: String? = nil, overrides: [String] = [], seed: UInt64 = 1, replicates: Int? = nil,
                useCache: Bool = true, point: Int? = nil, threads: Int = 2, reports: URL = RunOptions.defaultReports) {
        self.profile = profile
        self.overrides = overrides
        self.seed = seed
        self.replicates = replicates
        self.useCache = useCache
        self.point = point
        self.threads = threads
        self.reports = reports
    }

    /// `$LEPTON_REPORTS`, else `<package root>/Reports`, else `./Reports`.
    public static var defaultReports: URL {
        if let env = ProcessInfo.processInfo.environment["LEPTON_REPORTS"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        if let root = LeptonVersion.packageRoot { return root.appendingPathComponent("Reports") }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Reports")
    }
}

/// What the runner reports while it works.
public enum RunEvent: Sendable {
    /// A unit is about to run or be looked up: index (0-based) of total.
    case started(index: Int, total: Int, cell: String, point: Int?, replicate: Int)
    /// A unit is done.
    case finished(index: Int, total: Int, cell: String, point: Int?, replicate: Int, status: CellRun.Status, seconds: Double)
}
