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

    /// The compute threads every command and run uses unless told otherwise (declared here
    /// only; `lepton`'s `--threads` options and the library's requests read it).
    public static let defaultThreads = 2

    /// Options with the usual defaults.
    public init(profile: String? = nil, overrides: [String] = [], seed: UInt64 = 1, replicates: Int? = nil,
                useCache: Bool = true, point: Int? = nil, threads: Int = RunOptions.defaultThreads,
                reports: URL = RunOptions.defaultReports) {
        self.profile = profile
        self.overrides = overrides
        self.seed = seed
        self.replicates = replicates
        self.useCache = useCache
        self.point = point
        self.threads = threads
        self.reports = reports
    }

    /// `$LEPTON_REPORTS`; else, inside the checkout Lepton was built from, its `Reports/`;
    /// else, in a lab's folder (one holding a lab file or a `Reports/` folder), that
    /// folder's `Reports/` — where `lepton run lab3.swift` wrote; else the checkout's
    /// `Reports/` when it exists, else `./Reports`.
    public static var defaultReports: URL {
        if let env = ProcessInfo.processInfo.environment["LEPTON_REPORTS"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        let root = LeptonVersion.packageRoot?.standardizedFileURL
        if let root, cwd.path == root.path || cwd.path.hasPrefix(root.path + "/") { return root.appendingPathComponent("Reports") }
        if isLabFolder(cwd) { return cwd.appendingPathComponent("Reports") }
        if let root, FileManager.default.fileExists(atPath: root.path) { return root.appendingPathComponent("Reports") }
        return cwd.appendingPathComponent("Reports")
    }

    /// A folder with a `Reports/` folder or a `.swift` file that declares an experiment.
    static func isLabFolder(_ folder: URL) -> Bool {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: folder.appendingPathComponent("Reports").path, isDirectory: &isDirectory), isDirectory.boolValue { return true }
        let files = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".swift") }.contains { name in
            guard let data = fm.contents(atPath: folder.appendingPathComponent(name).path) else { return false }
            return String(decoding: data, as: UTF8.self).contains("Experiment(")
        }
    }
}

/// What the runner reports while it works.
public enum RunEvent: Sendable {
    /// A unit is about to run or be looked up: index (0-based) of total.
    case started(index: Int, total: Int, cell: String, point: Int?, replicate: Int)
    /// A unit is done.
    case finished(index: Int, total: Int, cell: String, point: Int?, replicate: Int, status: CellRun.Status, seconds: Double)
}
