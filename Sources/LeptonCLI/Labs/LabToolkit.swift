import Foundation
import LeptonData
import LeptonLab

/// What a lab file is compiled against: the Swift modules and the shared library of the
/// Lepton build that this `lepton` belongs to, the C module maps, the compiler.
///
/// Searched in order: `$LEPTON_KIT`; `<prefix>/lib/lepton` beside an installed
/// `<prefix>/bin/lepton`; the build folder holding this `lepton` (`.build/release`), with
/// the module maps of the checkout's `Sources/`.
struct LabToolkit {
    /// The folder with `LeptonLab.swiftmodule` and the other modules.
    let modules: URL
    /// `libLeptonKit.so`.
    let library: URL
    /// Folders holding the `module.modulemap` of CBLAS, CGD and CZlib.
    let moduleMaps: [URL]
    /// The Swift compiler.
    let swiftc: URL
    /// SHA-256 of the library: part of every compiled lab's identity.
    let libraryDigest: String

    static func locate() throws(LabFileError) -> LabToolkit {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        var candidates: [(root: URL, maps: URL)] = []
        if let env = ProcessInfo.processInfo.environment["LEPTON_KIT"], !env.isEmpty {
            let root = URL(fileURLWithPath: env)
            candidates.append((root, root.appendingPathComponent("include")))
        }
        let installed = exe.deletingLastPathComponent().appendingPathComponent("lib/lepton")
        candidates.append((installed, installed.appendingPathComponent("include")))
        if let checkout = LeptonVersion.packageRoot {
            candidates.append((exe, checkout.appendingPathComponent("Sources")))
        }
        let fm = FileManager.default
        for (root, maps) in candidates {
            let library = root.appendingPathComponent("libLeptonKit.so"), modules = root.appendingPathComponent("Modules")
            guard fm.fileExists(atPath: library.path), fm.fileExists(atPath: modules.appendingPathComponent("LeptonLab.swiftmodule").path)
            else { continue }
            guard let swiftc = findCompiler() else { throw .compilerMissing }
            guard let bytes = fm.contents(atPath: library.path) else { continue }
            return LabToolkit(modules: modules, library: library,
                              moduleMaps: ["CBLAS", "CGD", "CZlib"].map { maps.appendingPathComponent($0) },
                              swiftc: swiftc, libraryDigest: SHA256.hexDigest([UInt8](bytes)))
        }
        throw .toolkitMissing(searched: candidates.map(\.root.path))
    }

    private static func findCompiler() -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("swiftc")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// The compiler arguments that build `sources` into the executable `output`.
    func arguments(sources: [URL], output: URL) -> [String] {
        var args = ["-module-name", "Lab", "-Onone", "-swift-version", "6", "-suppress-warnings"]
        args += sources.map(\.path)
        args += ["-I", modules.path] + moduleMaps.flatMap { ["-I", $0.path] }
        args += LabToolkit.cFlags().flatMap { ["-Xcc", $0] }
        args += ["-L", library.deletingLastPathComponent().path, "-lLeptonKit",
                 "-Xlinker", "-rpath", "-Xlinker", library.deletingLastPathComponent().path, "-o", output.path]
        return args
    }

    /// Include paths of the C libraries (OpenBLAS, libgd, zlib) as pkg-config reports them.
    static func cFlags() -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pkg-config", "--cflags-only-I", "openblas", "gdlib", "zlib"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return [] }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init)
    }
}
