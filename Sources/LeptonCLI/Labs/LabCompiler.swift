import Foundation
import LeptonLab
import LeptonData

/// Compiles a lab file into an executable, cached by content: the key covers the lab's
/// bytes, the Lepton library's digest and the compiler's path, so an unchanged lab starts
/// at once and any edit (a helper function included) is recompiled.
struct LabCompiler {
    let toolkit: LabToolkit
    /// Where compiled labs are kept (`<reports>/.labs`).
    let cache: URL

    /// The executable for `lab`, compiled now if no cached one matches.
    func executable(for lab: LabFile) throws(LabFileError) -> URL {
        let key = SHA256.hexDigest(Array("\(lab.digest)|\(toolkit.libraryDigest)|\(toolkit.swiftc.path)|\(lab.url.path)".utf8))
        let folder = cache.appendingPathComponent(String(key.prefix(24)))
        let binary = folder.appendingPathComponent("lab")
        if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
        try compile(lab, into: folder)
        return binary
    }

    /// Writes the sources into a temporary folder, compiles, and renames the folder into
    /// place; on failure removes it and reports the compiler's diagnostics.
    private func compile(_ lab: LabFile, into folder: URL) throws(LabFileError) {
        let fm = FileManager.default
        let temp = cache.appendingPathComponent(".tmp-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: temp) }
        let labSource = temp.appendingPathComponent(lab.url.lastPathComponent)
        let main = temp.appendingPathComponent("main.swift")
        do {
            try fm.createDirectory(at: temp, withIntermediateDirectories: true)
            try lab.compiledSource.write(to: labSource)
            try Data(lab.mainSource(toolkit: toolkit).utf8).write(to: main)
        } catch {
            throw .launchFailed(path: temp.path, reason: "cannot write the lab's sources: \(error)")
        }
        let diagnostics = temp.appendingPathComponent("diagnostics.txt")
        let done: Subprocess.Finished
        do {
            done = try Subprocess.run(toolkit.swiftc, arguments: toolkit.arguments(sources: [labSource, main], output: temp.appendingPathComponent("lab")),
                                      output: .file(diagnostics), errors: .withOutput, privateTemporaryFolder: true)
        } catch {
            throw .launchFailed(path: toolkit.swiftc.path, reason: error.reason)
        }
        guard done.succeeded else {
            throw .compileFailed(path: lab.url.path, diagnostics: LabCompiler.userDiagnostics(done.output, main: main.path, lab: lab.url.path))
        }
        try? fm.removeItem(at: folder)
        do { try fm.moveItem(at: temp, to: folder) } catch {
            if !fm.isExecutableFile(atPath: folder.appendingPathComponent("lab").path) {
                throw .launchFailed(path: folder.path, reason: "cannot store the compiled lab: \(error)")
            }
        }
    }

    /// The compiler's messages about the lab itself: messages about the generated main
    /// file are marked, and notes pointing into other files (Lepton's sources or module
    /// interfaces on the machine Lepton was built on) are left out with their excerpts.
    static func userDiagnostics(_ text: String, main: String, lab: String? = nil) -> String {
        let location = try? NSRegularExpression(pattern: #"^(/[^:]+|<[^>]+>):\d+(:\d+)?: (error|warning|note|remark): "#)
        var kept: [String] = []
        var skipping = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if let match = location?.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)),
               let range = Range(match.range(at: 1), in: line) {
                let file = String(line[range])
                skipping = file != main && lab.map { file != $0 } ?? false && line.contains(": note: ")
                if skipping { continue }
                kept.append(file == main ? "(generated main) " + line.dropFirst(main.count) : line)
            } else if !skipping {
                kept.append(line)
            }
        }
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
