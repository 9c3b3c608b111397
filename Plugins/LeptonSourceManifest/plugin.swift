import Foundation
import PackagePlugin

/// Embeds, at build time, what a module of experiments was compiled from: the full text
/// of its own Swift files and the SHA-256 of every source file of every module it depends
/// on. LeptonLab keys each cell's cache entries by this manifest, so a cached value can
/// only come from the code that is running (see docs/ARCHITECTURE.md, "Code identity").
///
/// Apply it to a target whose sources declare experiments:
/// `.target(name: "MyLabs", dependencies: ["LeptonLab"], plugins: [.plugin(name: "LeptonSourceManifest", package: "Lepton")])`
/// and pass the generated `sourceManifest` to `LeptonCLI.main(experiments:sources:)`.
@main
struct LeptonSourceManifestPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let module = target as? SourceModuleTarget else { return [] }
        let own = module.sourceFiles(withSuffix: ".swift").map(\.url)
        var dependencies: [URL] = []
        for dependency in target.recursiveTargetDependencies {
            if let source = dependency as? SourceModuleTarget {
                dependencies += source.sourceFiles.filter { $0.type == .source || $0.type == .header }.map(\.url)
            } else if let system = dependency as? SystemLibraryTarget {
                dependencies += Self.files(in: system.directoryURL)
            }
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("LeptonSourceManifest.swift")
        let list = context.pluginWorkDirectoryURL.appendingPathComponent("inputs.txt")
        let lines = own.map { "module\t\($0.path)" } + dependencies.map { "dependency\t\($0.path)" }
        try FileManager.default.createDirectory(at: context.pluginWorkDirectoryURL, withIntermediateDirectories: true)
        let text = lines.sorted().joined(separator: "\n") + "\n"
        if (try? String(contentsOf: list, encoding: .utf8)) != text {
            try text.write(to: list, atomically: true, encoding: .utf8)
        }
        return [.buildCommand(
            displayName: "Embedding the source manifest of \(target.name)",
            executable: try context.tool(named: "LeptonSourceManifestTool").url,
            arguments: [target.name, list.path, output.path],
            inputFiles: [list] + own + dependencies,
            outputFiles: [output])]
    }

    private static func files(in directory: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().filter { $0.hasSuffix(".h") || $0.hasSuffix(".modulemap") }
            .map { directory.appendingPathComponent($0) }
    }
}
