import Foundation
import LeptonData

/// Identifies the code a cell can execute, for its cache key.
///
/// For a cell whose file is in a ``SourceManifest`` (every compiled-in experiment), the
/// key covers, as compiled into the running binary:
/// - the cell's own body;
/// - every other line of its module — helper functions, custom layers, constants, other
///   experiments — except the bodies of *other* cells, which no code can call;
/// - the digest of every source file of every module it depends on (Lepton's libraries).
///
/// So editing a helper reruns every cell of the module, editing one cell's body reruns
/// only that cell (and those that read its artifacts), and any library change reruns all.
/// A cell compiled without a manifest (a test, a downstream package without the plugin)
/// is keyed by the SHA-256 of the running executable: sound, but any rebuild reruns it.
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

    /// An identity over `manifests` that knows the cells of `experiments` (so it can leave
    /// their bodies out of each other's keys).
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
    }

    /// An identity with no manifest: every cell is keyed by the executable.
    public static let executableOnly = CodeIdentity(manifests: [], experiments: [])

    /// The key of `cell`'s code and how it was found.
    public func key(for cell: Cell) -> (digest: String, coverage: Coverage) {
        guard let manifest = manifests.first(where: { m in m.files.contains { $0.path == cell.file } }) else {
            return (SHA256.hexDigest(Array("exe=\(CodeIdentity.executableDigest)|\(cell.file):\(cell.line)".utf8)), .executable)
        }
        var hasher = SHA256()
        hasher.update(Array("deps=\(manifest.dependencyDigest)\n".utf8))
        for file in manifest.files {
            let own = file.path == cell.file ? cell.line : nil
            hasher.update(Array("file=\(file.path)\n".utf8))
            hasher.update(Array(text(of: file, keepingCellAt: own).utf8))
        }
        return (SHA256.hex(hasher.finalize()), .manifest)
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

    /// The file's text with the bodies of every cell but the one declared at `keep` replaced.
    private func text(of file: SourceManifest.File, keepingCellAt keep: Int?) -> String {
        let ranges = (cellRanges[file.path] ?? []).filter { $0.lowerBound != keep }
        guard !ranges.isEmpty else { return file.text }
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [Substring] = []
        out.reserveCapacity(lines.count)
        for (i, line) in lines.enumerated() {
            let number = i + 1
            if let r = ranges.first(where: { $0.contains(number) }) {
                if number == r.lowerBound { out.append("<another cell's body>") }
            } else {
                out.append(line)
            }
        }
        return out.joined(separator: "\n")
    }

    /// SHA-256 of the running executable (read once).
    static let executableDigest: String = {
        guard let data = FileManager.default.contents(atPath: "/proc/self/exe") else { return "unknown-executable" }
        return SHA256.hexDigest([UInt8](data))
    }()
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
