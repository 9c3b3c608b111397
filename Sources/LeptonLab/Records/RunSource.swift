import Foundation

/// What made a run: a lab file (its name, path and SHA-256 as compiled) or a compiled-in
/// module of experiments. Two lab files may declare the same experiment id (a student's
/// copy of the teacher's lab); their runs share `Reports/<experiment>/` but are told
/// apart by their source: commands given a lab file pick only that file's runs, and
/// `compare`/`check` say when two runs come from different sources.
public struct RunSource: Sendable, Codable, Equatable, Hashable {
    /// "lab file" or "module".
    public var kind: String
    /// The lab file's name ("lab3.swift"); nil for a module.
    public var file: String?
    /// The lab file's absolute path when it was compiled; nil for a module.
    public var path: String?
    /// SHA-256 of the lab file's bytes as compiled, lower-case hex; nil for a module.
    public var sha256: String?
    /// The module's name ("Experiments"); nil for a lab file.
    public var module: String?

    /// A lab file's source.
    public static func lab(path: String, sha256: String) -> RunSource {
        RunSource(kind: "lab file", file: URL(fileURLWithPath: path).lastPathComponent, path: path, sha256: sha256, module: nil)
    }

    /// A compiled-in module's source.
    public static func module(_ name: String) -> RunSource {
        RunSource(kind: "module", file: nil, path: nil, sha256: nil, module: name)
    }

    /// What tells sources apart: the lab file's path (its content changes with every edit,
    /// which is the point of comparing runs), or the module's name.
    public var key: String { path ?? "module \(module ?? "?")" }

    /// "lab3.swift (SHA-256 1a2b3c4d5e6f…)" or "module Experiments".
    public var label: String {
        if let file { return "\(file) (SHA-256 \(sha256.map { String($0.prefix(12)) } ?? "?")…)" }
        return "module \(module ?? "?")"
    }
}
