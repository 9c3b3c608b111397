import Foundation
import LeptonData

/// Identifies the code a cell can execute, for its cache key.
///
/// For a cell whose file is in a ``SourceManifest`` (every compiled-in experiment, every
/// lab file), the key covers, as compiled into the running binary:
/// - the cell's own body;
/// - the text of every declaration of its module the body can reach, transitively —
///   functions, types with their extensions and conformances, constants, operators —
///   found by parsing the module's sources with swift-syntax (``DeclarationGraph``, which
///   over-approximates where Swift's lookup is ambiguous and never under-approximates);
/// - the digest of every source file of every module it depends on (Lepton's libraries).
///
/// So editing a helper reruns only the cells that reach it, editing one cell's body reruns
/// only that cell (and those that read its artifacts), editing a claim reruns none, and
/// any library change reruns all. A cell compiled without a manifest (a test, a
/// downstream package without the plugin) is keyed by the SHA-256 of the running
/// executable: sound, but any rebuild reruns it.
public struct CodeIdentity: Sendable {
    /// How a cell's code was identified.
    public enum Coverage: String, Sendable, Codable {
        /// From the embedded module sources and dependency digests.
        case manifest
        /// From the running executable's bytes.
        case executable
    }

    let manifests: [SourceManifest]
    /// Cell body line ranges (1-based, inclusive) per file, from every known experiment.
    private let cellRanges: [String: [ClosedRange<Int>]]
    /// Each manifest's declaration graph, parsed on first use.
    private let graphs: GraphCache

    /// An identity over `manifests` that knows the cells of `experiments` (their bodies are
    /// no other cell's code).
    public init(manifests: [SourceManifest], experiments: [Experiment]) {
        self.manifests = manifests
        var ranges: [String: [ClosedRange<Int>]] = [:]
        for manifest in manifests {
            for file in manifest.files {
                let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
                let starts = Set(experiments.flatMap(\.cells).filter { $0.file == file.path }.map(\.line))
                ranges[file.path] = starts.sorted().compactMap { SourceText.braceRange(in: lines, from: $0) }
            }
        }
        cellRanges = ranges
        graphs = GraphCache()
    }

    /// An identity with no manifest: every cell is keyed by the executable.
    public static let executableOnly = CodeIdentity(manifests: [], experiments: [])

    /// The key of `cell`'s code and how it was found.
    public func key(for cell: Cell) -> (digest: String, coverage: Coverage) {
        guard let m = manifests.firstIndex(where: { $0.files.contains { $0.path == cell.file } }),
              let file = manifests[m].files.first(where: { $0.path == cell.file }) else {
            return (SHA256.hexDigest(Array("exe=\(CodeIdentity.executableDigest)|\(cell.file):\(cell.line)".utf8)), .executable)
        }
        var hasher = SHA256()
        hasher.update(Array("deps=\(manifests[m].dependencyDigest)\n".utf8))
        hasher.update(Array("cell=\(body(of: cell, in: file))\n".utf8))
        let graph = graph(m)
        // Sorted: moving a declaration (or the cell) within the module keeps the key.
        for digest in graph.reach(file: file.path, line: cell.line).map({ graph.nodes[$0].digest }).sorted() {
            hasher.update(Array("decl=\(digest)\n".utf8))
        }
        return (SHA256.hex(hasher.finalize()), .manifest)
    }

    /// The declarations `cell` depends on ("func chartTitle (lab.swift:12)"), in source
    /// order; empty for a cell outside every manifest.
    public func dependencies(of cell: Cell) -> [String] {
        guard let m = manifests.firstIndex(where: { $0.files.contains { $0.path == cell.file } }) else { return [] }
        let graph = graph(m)
        return graph.reach(file: cell.file, line: cell.line).map {
            let n = graph.nodes[$0]
            return "\(n.label) (\(n.file.split(separator: "/").last.map(String.init) ?? n.file):\(n.line))"
        }
    }

    /// The cell's body as written: the lines from its declaration to its closing brace.
    private func body(of cell: Cell, in file: SourceManifest.File) -> String {
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let range = cellRanges[file.path]?.first(where: { $0.lowerBound == cell.line }) else { return file.text }
        return lines[(range.lowerBound - 1)..<range.upperBound].joined(separator: "\n")
    }

    private func graph(_ index: Int) -> DeclarationGraph {
        graphs.graph(index) {
            DeclarationGraph(files: manifests[index].files.map { ($0.path, $0.text) }, cellRanges: cellRanges)
        }
    }

    /// A digest of everything compiled in: every manifest's files and dependencies, or
    /// the executable. Recorded in results.json as the build's identity.
    public var buildDigest: String {
        guard !manifests.isEmpty else { return CodeIdentity.executableDigest }
        let parts = manifests.map { m in m.dependencyDigest + m.files.map(\.sha256).joined() }
        return SHA256.hexDigest(Array(parts.joined(separator: "|").utf8))
    }

    /// Source files edited since this binary was built, with a sentence saying so.
    public func staleSourceWarnings() -> [String] {
        manifests.flatMap { $0.filesChangedOnDisk() }.map { path in
            "\(path) differs from the version compiled into this lepton: results come from the compiled code; "
                + "rebuild (`make build` or `swift build`) to run your edit"
        }
    }

    /// SHA-256 of the running executable (read once).
    static let executableDigest: String = {
        guard let data = FileManager.default.contents(atPath: "/proc/self/exe") else { return "unknown-executable" }
        return SHA256.hexDigest([UInt8](data))
    }()
}

/// The parsed declaration graphs of an identity's manifests, built once per process.
final class GraphCache: @unchecked Sendable {
    private let lock = NSLock()
    private var graphs: [Int: DeclarationGraph] = [:]

    func graph(_ index: Int, build: () -> DeclarationGraph) -> DeclarationGraph {
        lock.lock()
        defer { lock.unlock() }
        if let g = graphs[index] { return g }
        let g = build()
        graphs[index] = g
        return g
    }
}

/// Lepton's version, as it enters run records.
public enum LeptonVersion {
    /// The release number.
    public static let number = "0.2.0"

    /// The folder holding Package.swift, when running from a source checkout.
    public static let packageRoot: URL? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) ? url : nil
    }()
}
