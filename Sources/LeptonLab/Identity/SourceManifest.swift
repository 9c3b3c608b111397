import Foundation
import LeptonData

/// What a module of experiments was compiled from, embedded at build time by the
/// `LeptonSourceManifest` build plugin: the full text of the module's own Swift files and
/// the SHA-256 of every source file of every module it depends on (Lepton's libraries
/// included). Cell cache keys are computed from it, never from files read at run time.
public struct SourceManifest: Sendable {
    /// One of the module's own source files, embedded whole.
    public struct File: Sendable {
        /// The absolute path it was compiled from (a cell's `#filePath`).
        public let path: String
        /// SHA-256 of its bytes, lower-case hex.
        public let sha256: String
        /// Its text.
        public let text: String

        /// A file from the generated manifest (text as base64).
        public init(path: String, sha256: String, base64: String) {
            self.path = path
            self.sha256 = sha256
            self.text = Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }

        /// A file given as text (tests, lab files compiled by `lepton run FILE.swift`).
        public init(path: String, text: String) {
            self.path = path
            self.text = text
            self.sha256 = SHA256.hexDigest(Array(text.utf8))
        }
    }

    /// A source file of a dependency, by digest.
    public struct Digest: Sendable {
        /// The absolute path it was compiled from.
        public let path: String
        /// SHA-256 of its bytes, lower-case hex.
        public let sha256: String

        /// A dependency file's digest.
        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    /// The module's name ("Experiments").
    public let module: String
    /// The module's own files.
    public let files: [File]
    /// Every source file of the modules it depends on.
    public let dependencies: [Digest]

    /// A manifest; normally written by the build plugin.
    public init(module: String, files: [File], dependencies: [Digest]) {
        self.module = module
        self.files = files.sorted { $0.path < $1.path }
        self.dependencies = dependencies.sorted { $0.path < $1.path }
    }

    /// One digest over every dependency file (path and content): changes whenever any
    /// library code the module can call changes.
    public var dependencyDigest: String {
        SHA256.hexDigest(Array(dependencies.map { "\($0.path)=\($0.sha256)" }.joined(separator: "\n").utf8))
    }

    /// Files whose content on disk differs from what was compiled (edited but not
    /// rebuilt). Files absent from this machine (a binary built elsewhere) are skipped.
    public func filesChangedOnDisk() -> [String] {
        let compiled = files.map { ($0.path, $0.sha256) } + dependencies.map { ($0.path, $0.sha256) }
        return compiled.compactMap { path, digest in
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            return SHA256.hexDigest([UInt8](data)) == digest ? nil : path
        }
    }
}
