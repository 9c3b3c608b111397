import Foundation
import LeptonData

/// The cell cache: `<reports>/.cache/<experiment>/<cell>/<base key>/<entry>/`.
///
/// The base key covers the cell's code, Lepton's version, the replicate and the sweep
/// point. Under it, each entry records what the cell read when it ran (parameter values,
/// seed, data checksums, hashes of upstream artifacts and sweep results) and what it
/// produced. A lookup is a hit when every recorded read still has the recorded value —
/// so changing a parameter reruns exactly the cells that read it, and the cells that
/// read their artifacts. Entries are written to a temporary name and renamed, so an
/// interrupted run leaves either a whole entry or none.
struct CellCache {
    let root: URL

    struct Meta: Codable {
        var reads: [String: String]
        var seconds: Double
    }

    func baseDirectory(experiment: String, cell: Cell, point: Int?, replicate: Int) -> (URL, String) {
        let key = SHA256.hexDigest(Array("\(CodeIdentity.hash(of: cell))|\(LeptonVersion.codeHash)|p\(point.map(String.init) ?? "-")|r\(replicate)".utf8))
        let dir = root.appendingPathComponent(experiment).appendingPathComponent(safeName(cell.name))
            .appendingPathComponent(String(key.prefix(32)))
        return (dir, String(key.prefix(16)))
    }

    /// The stored output whose reads all still hold, with its original wall time.
    func lookup(in dir: URL, current: (String) -> String?) -> (CellOutput, Double)? {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: dir.path) else { return nil }
        for entry in entries.sorted() where !entry.hasPrefix(".") {
            let folder = dir.appendingPathComponent(entry)
            guard let metaData = fm.contents(atPath: folder.appendingPathComponent("meta.json").path),
                  let meta = try? JSONDecoder().decode(Meta.self, from: metaData) else { continue }
            guard meta.reads.allSatisfy({ current($0.key) == $0.value }) else { continue }
            guard let outData = fm.contents(atPath: folder.appendingPathComponent("output.json").path),
                  let output = try? JSONDecoder().decode(CellOutput.self, from: outData) else { continue }
            return (output, meta.seconds)
        }
        return nil
    }

    /// Stores `output` atomically under `dir`.
    func store(_ output: CellOutput, seconds: Double, in dir: URL) throws {
        let fm = FileManager.default
        let readsText = output.reads.keys.sorted().map { "\($0)=\(output.reads[$0] ?? "")" }.joined(separator: "\n")
        let entry = String(SHA256.hexDigest(Array(readsText.utf8)).prefix(24))
        let final = dir.appendingPathComponent(entry)
        let temp = dir.appendingPathComponent(".tmp-\(entry)-\(getpid())-\(UUID().uuidString.prefix(8))")
        try fm.createDirectory(at: temp, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(output).write(to: temp.appendingPathComponent("output.json"))
        try encoder.encode(Meta(reads: output.reads, seconds: seconds)).write(to: temp.appendingPathComponent("meta.json"))
        if fm.fileExists(atPath: final.path) { try? fm.removeItem(at: final) }
        do {
            try fm.moveItem(at: temp, to: final)
        } catch {
            try? fm.removeItem(at: temp)     // another process stored the same entry first
        }
    }

    /// Removes temporary entries left by processes that were killed.
    func sweepStale(experiment: String) {
        let fm = FileManager.default
        let base = root.appendingPathComponent(experiment)
        guard let walker = fm.enumerator(atPath: base.path) else { return }
        var stale: [URL] = []
        for case let path as String in walker where (path as NSString).lastPathComponent.hasPrefix(".tmp-") {
            let name = (path as NSString).lastPathComponent
            let parts = name.split(separator: "-")
            if parts.count >= 3, let pid = Int32(parts[2]), kill(pid, 0) == 0, pid != getpid() { continue }
            stale.append(base.appendingPathComponent(path))
        }
        for url in stale { try? fm.removeItem(at: url) }
    }
}

func safeName(_ s: String) -> String {
    String(s.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
}
