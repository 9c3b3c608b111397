import Foundation
import LeptonData
import LeptonLab

/// What a lab file is compiled against: the Swift modules and the shared library of the
/// Lepton build that this `lepton` belongs to, the C module maps, the compiler.
///
/// Searched in order: `$LEPTON_KIT`; `<prefix>/lib/lepton` beside the real `<prefix>/bin/lepton`
/// (found through `/proc/self/exe`, so `lepton` from `PATH` or through a symlink works), and
/// beside the symlink the user called; the build folder holding this `lepton`
/// (`.build/release`), with the module maps of the checkout's `Sources/`.
struct LabToolkit {
    /// The folder with `LeptonLab.swiftmodule` and the other modules.
    let modules: URL
    /// `libLeptonKit.so`.
    let library: URL
    /// Folders holding the `module.modulemap` of CBLAS, CGD, CZlib, CLeptonKernels and the
    /// package dependencies' C modules (CYaml, CSystemLinux, _SwiftSyntaxCShims).
    let moduleMaps: [URL]
    /// The Swift compiler.
    let swiftc: URL
    /// SHA-256 of the library: part of every compiled lab's identity.
    let libraryDigest: String

    /// Finds the toolkit; `digestCache` is a folder where the library's digest is kept
    /// with the file's identity (device, inode, size, modification time in ns), so an
    /// unchanged library is not hashed again on every run.
    static func locate(digestCache: URL? = nil) throws(LabFileError) -> LabToolkit {
        var candidates: [(root: URL, maps: URL, why: String)] = []
        if let env = ProcessInfo.processInfo.environment["LEPTON_KIT"], !env.isEmpty {
            let root = URL(fileURLWithPath: env)
            candidates.append((root, root.appendingPathComponent("include"), "$LEPTON_KIT"))
        }
        // The real executable (symlinks resolved), then the folder of the path the user
        // called, when that is a symlink elsewhere (`~/bin/lepton -> /opt/lepton/bin/lepton`).
        let real = Executable.real.deletingLastPathComponent()
        let invoked = Executable.invoked.deletingLastPathComponent()
        for (bin, why) in [(real, "installed beside \(Executable.real.path)"), (invoked, "installed beside \(Executable.invoked.path)")] {
            let installed = bin.deletingLastPathComponent().appendingPathComponent("lib/lepton").standardizedFileURL
            if !candidates.contains(where: { $0.root.path == installed.path }) {
                candidates.append((installed, installed.appendingPathComponent("include"), why))
            }
        }
        if let checkout = LeptonVersion.packageRoot {
            candidates.append((real, checkout.appendingPathComponent("Sources"), "the build folder of \(checkout.path)"))
        }
        let fm = FileManager.default
        for (root, maps, _) in candidates {
            let library = root.appendingPathComponent("libLeptonKit.so"), modules = root.appendingPathComponent("Modules")
            guard fm.fileExists(atPath: library.path), fm.fileExists(atPath: modules.appendingPathComponent("LeptonLab.swiftmodule").path)
            else { continue }
            guard let swiftc = findCompiler() else { throw .compilerMissing }
            guard let digest = digest(of: library, cache: digestCache) else { continue }
            // The C shims of the packages Lepton uses (FlyingFox's sockets, swift-syntax's):
            // in a build folder they are in the package checkouts beside it; an install
            // copies them to include/.
            let shims = LabToolkit.packageShims.map { name, path in
                maps.lastPathComponent == "Sources"
                    ? [root.deletingLastPathComponent(), root.deletingLastPathComponent().deletingLastPathComponent()]
                        .map { $0.appendingPathComponent("checkouts").appendingPathComponent(path) }
                        .first { fm.fileExists(atPath: $0.appendingPathComponent("module.modulemap").path) } ?? root
                    : maps.appendingPathComponent(name)
            }
            return LabToolkit(modules: modules, library: library,
                              moduleMaps: ["CBLAS", "CGD", "CZlib"].map { maps.appendingPathComponent($0) }
                                  + [maps.appendingPathComponent(maps.lastPathComponent == "Sources" ? "CLeptonKernels/include" : "CLeptonKernels"),
                                    ] + shims,
                              swiftc: swiftc, libraryDigest: digest)
        }
        throw .toolkitMissing(searched: candidates.map { "\($0.root.path) (\($0.why))" })
    }

    /// The installed data sets beside the real executable (`<prefix>/share/lepton/Datasets`),
    /// if there are any: handed to the compiled lab, which lives elsewhere.
    static var installedDatasets: URL? {
        let folder = Executable.real.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("share/lepton/Datasets")
        return FileManager.default.fileExists(atPath: folder.appendingPathComponent("catalogue.json").path) ? folder : nil
    }

    /// SHA-256 of `file`, reused from `cache` while the file's identity is unchanged.
    static func digest(of file: URL, cache: URL?) -> String? {
        var info = stat()
        guard stat(file.path, &info) == 0 else { return nil }
        let identity = "\(file.path)|\(info.st_dev)|\(info.st_ino)|\(info.st_size)|\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        let record = cache?.appendingPathComponent("library-\(SHA256.hexDigest(Array(identity.utf8)).prefix(16)).sha256")
        if let record, let known = try? String(contentsOf: record, encoding: .utf8), known.count == 64 { return known }
        guard let bytes = FileManager.default.contents(atPath: file.path) else { return nil }
        let digest = SHA256.hexDigest([UInt8](bytes))
        if let record, let folder = cache {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? digest.write(to: record, atomically: true, encoding: .utf8)
        }
        return digest
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
        var args = ["-module-name", "Lab", "-Onone", "-swift-version", "6", "-suppress-warnings", "-diagnostic-style", "llvm"]
        args += sources.map(\.path)
        args += ["-I", modules.path] + moduleMaps.flatMap { ["-I", $0.path] }
        args += LabToolkit.cFlags().flatMap { ["-Xcc", $0] }
        args += ["-L", library.deletingLastPathComponent().path, "-lLeptonKit",
                 "-Xlinker", "-rpath", "-Xlinker", library.deletingLastPathComponent().path, "-o", output.path]
        return args
    }

    /// The C modules of package dependencies that Lepton's Swift modules import, by name,
    /// with their module map's folder inside the package checkouts.
    static let packageShims = [("CYaml", "Yams/Sources/CYaml/include"), ("CSystemLinux", "FlyingFox/CSystemLinux/include"),
                               ("_SwiftSyntaxCShims", "swift-syntax/Sources/_SwiftSyntaxCShims/include")]

    /// Include paths of the C libraries (OpenBLAS, libgd, zlib) as pkg-config reports them.
    static func cFlags() -> [String] {
        let done = try? Subprocess.run(URL(fileURLWithPath: "/usr/bin/env"),
                                       arguments: ["pkg-config", "--cflags-only-I", "openblas", "gdlib", "zlib"])
        return (done?.output ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
    }
}
