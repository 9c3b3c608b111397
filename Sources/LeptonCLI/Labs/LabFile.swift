import Foundation
import LeptonData

/// A lab file: one Swift source file declaring experiments at the top level
/// (`let lab3 = Experiment("lab-3", …) { … }`), run with `lepton run lab3.swift` without
/// rebuilding Lepton.
struct LabFile {
    /// The file's absolute path.
    let url: URL
    /// Its bytes, as read once: exactly what is compiled and hashed.
    let source: Data
    /// The names of its top-level `let NAME = Experiment(…)` declarations, in order.
    let experimentVariables: [String]
    /// Their ids where written as a string literal (`Experiment("lab-3", …)`), in order.
    let experimentIDs: [String]

    /// Reads `path` and finds its experiments.
    init(path: String) throws(LabFileError) {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard let data = FileManager.default.contents(atPath: url.path) else { throw .unreadable(path: url.path) }
        let text = String(decoding: data, as: UTF8.self)
        let variables = LabFile.experimentVariables(in: text)
        guard !variables.isEmpty else { throw .noExperiment(path: url.path) }
        self.url = url
        self.source = data
        self.experimentVariables = variables
        self.experimentIDs = LabFile.matches(#"^(?:public\s+|internal\s+)?let\s+[A-Za-z_][A-Za-z0-9_]*\s*(?::\s*Experiment\s*)?=\s*Experiment\s*\(\s*"([^"\\]+)""#, in: text)
    }

    /// SHA-256 of the source, lower-case hex.
    var digest: String { SHA256.hexDigest([UInt8](source)) }

    /// Top-level `let NAME = Experiment(` or `let NAME: Experiment = Experiment(` lines.
    static func experimentVariables(in text: String) -> [String] {
        matches(#"^(?:public\s+|internal\s+)?let\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*Experiment\s*)?=\s*Experiment\s*\("#, in: text)
    }

    /// The first capture group of every match of `pattern`, line by line.
    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// The source as compiled: a `#sourceLocation` line first, so diagnostics and each
    /// cell's `#filePath` name the lab file itself, then the bytes as read.
    var compiledSource: Data {
        var data = Data("#sourceLocation(file: \"\(LabFile.escaped(url.path))\", line: 1)\n".utf8)
        data.append(source)
        return data
    }

    /// The generated `main.swift`: the lab's source manifest (its whole text and the digest
    /// of the Lepton library it links) and the call into the CLI. The library's entry is a
    /// label, not a path: the launcher checks its digest before every start.
    func mainSource(toolkit: LabToolkit) -> String {
        """
        import LeptonCLI
        import LeptonLab

        let labManifest = SourceManifest(
            module: "Lab",
            files: [.init(path: "\(LabFile.escaped(url.path))", sha256: "\(digest)", base64: "\(source.base64EncodedString())")],
            dependencies: [.init(path: "LeptonKit at \(LabFile.escaped(toolkit.library.path))", sha256: "\(toolkit.libraryDigest)")])
        LeptonCLI.main(experiments: [\(experimentVariables.joined(separator: ", "))], sources: [labManifest])

        """
    }

    static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

/// What can go wrong with a lab file, with what to do about it.
enum LabFileError: Error, CustomStringConvertible {
    case unreadable(path: String)
    case noExperiment(path: String)
    case toolkitMissing(searched: [String])
    case compilerMissing
    case compileFailed(path: String, diagnostics: String)
    case launchFailed(path: String, reason: String)

    var description: String {
        switch self {
        case let .unreadable(path):
            return "\(path): cannot be read; check the path"
        case let .noExperiment(path):
            return "\(path) declares no experiment: declare one at the top level, as `let lab3 = Experiment(\"lab-3\", title: …) { … }` "
                + "(`lepton new lab3.swift` writes a starting lab)"
        case let .toolkitMissing(searched):
            return "lab files are compiled against Lepton's libraries (libLeptonKit.so and its Swift modules), which were not found in any of:\n  "
                + searched.joined(separator: "\n  ")
                + "\nif they are installed elsewhere, point LEPTON_KIT at that folder (LEPTON_KIT=<prefix>/lib/lepton lepton run …); "
                + "otherwise install them with `make install PREFIX=…` from a Lepton checkout, or build them there with "
                + "`swift build -c release --product LeptonKit`"
        case .compilerMissing:
            return "swiftc was not found on PATH: lab files need the Swift 6 toolchain Lepton was built with "
                + "(https://www.swift.org/install/linux/)"
        case let .compileFailed(path, diagnostics):
            return "\(path) does not compile; nothing was run or written:\n\(diagnostics)"
        case let .launchFailed(path, reason):
            return "cannot start the compiled lab \(path): \(reason)"
        }
    }
}
