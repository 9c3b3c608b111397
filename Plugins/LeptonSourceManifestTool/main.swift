import Foundation
import LeptonData

// Writes the Swift file behind the LeptonSourceManifest plugin.
// Arguments: MODULE INPUT-LIST OUTPUT. INPUT-LIST has one "module<TAB>path" or
// "dependency<TAB>path" line per file. Module files are embedded whole (base64) with their
// SHA-256; dependency files by SHA-256 alone.

let arguments = CommandLine.arguments
guard arguments.count == 4 else {
    FileHandle.standardError.write(Data("usage: LeptonSourceManifestTool MODULE INPUT-LIST OUTPUT\n".utf8))
    exit(2)
}
let (module, listPath, outputPath) = (arguments[1], arguments[2], arguments[3])

func contents(_ path: String) -> Data {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("LeptonSourceManifestTool: cannot read \(path)\n".utf8))
        exit(1)
    }
    return data
}

func literal(_ s: String) -> String {
    "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

let list = String(decoding: contents(listPath), as: UTF8.self)
var files: [String] = []
var dependencies: [String] = []
for line in list.split(separator: "\n") {
    let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
    guard parts.count == 2 else { continue }
    let data = contents(parts[1])
    let digest = SHA256.hexDigest([UInt8](data))
    if parts[0] == "module" {
        files.append("        .init(path: \(literal(parts[1])), sha256: \"\(digest)\", base64: \"\(data.base64EncodedString())\"),")
    } else {
        dependencies.append("        .init(path: \(literal(parts[1])), sha256: \"\(digest)\"),")
    }
}

let source = """
    // Generated at build time by the LeptonSourceManifest plugin from the sources compiled
    // into module \(module). Do not edit; it is rewritten whenever one of them changes.
    import LeptonLab

    /// What module \(module) was compiled from: its own sources, whole, and a digest of
    /// every source file of the modules it depends on. Pass it to `LeptonCLI.main`.
    public let sourceManifest = SourceManifest(
        module: \(literal(module)),
        files: [
    \(files.joined(separator: "\n"))
        ],
        dependencies: [
    \(dependencies.joined(separator: "\n"))
        ])

    """
let output = URL(fileURLWithPath: outputPath)
if (try? Data(contentsOf: output)) != Data(source.utf8) {
    do {
        try Data(source.utf8).write(to: output, options: .atomic)
    } catch {
        FileHandle.standardError.write(Data("LeptonSourceManifestTool: cannot write \(outputPath): \(error)\n".utf8))
        exit(1)
    }
}
