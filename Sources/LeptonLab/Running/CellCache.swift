import Foundation
import LeptonCore
import LeptonData

/// The cell cache: `<reports>/.cache/<experiment>/<cell>/<base key>/<entry>/`.
///
/// The base key covers the cell's code identity (``CodeIdentity``), the replicate and the
/// sweep point. Under it, each entry records what the cell read when it ran (typed
/// ``CellRead`` values) and what it produced. A lookup is a hit when every recorded read
/// still has the recorded value — so changing a parameter reruns exactly the cells that
/// read it, and the cells that read their artifacts. Entries are written to a temporary
/// name qualified by host and process, then renamed, so an interrupted run leaves either
/// a whole entry or none, and a node of a cluster never removes another node's entry.
struct CellCache {
    let root: URL

    struct Meta: Codable {
        var reads: [CellRead]
        var seconds: Double
        /// The compute threads it ran with (nil in entries written before it was kept).
        var threads: Int?
    }

    /// The folder of a cell's entries and the short key shown in reports.
    func directory(experiment: String, cell: String, code: String, numerics: String, point: Int?, replicate: Int) -> (URL, String) {
        let key = SHA256.hexDigest(Array("\(code)|p\(point.map(String.init) ?? "-")|r\(replicate)".utf8))
        // The folder also holds the numerics fingerprint; the key shown in reports (and compared
        // by `lepton grade`) is the code's alone.
        let folder = SHA256.hexDigest(Array("\(key)|numerics \(numerics)".utf8))
        let dir = root.appendingPathComponent(experiment).appendingPathComponent(safeName(cell))
            .appendingPathComponent(String(folder.prefix(32)))
        return (dir, String(key.prefix(16)))
    }

    /// The stored output whose reads all still hold, with its original wall time and threads.
    func lookup(in dir: URL, current: (CellRead.Input) -> CellRead?) -> (CellOutput, Meta)? {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: dir.path) else { return nil }
        let decoder = LabJSON.decoder()
        for entry in entries.sorted() where !entry.hasPrefix(".") {
            let folder = dir.appendingPathComponent(entry)
            guard let metaData = fm.contents(atPath: folder.appendingPathComponent("meta.json").path),
                  let meta = try? decoder.decode(Meta.self, from: metaData),
                  meta.reads.allSatisfy({ current($0.input) == $0 }),
                  let outData = fm.contents(atPath: folder.appendingPathComponent("output.json").path),
                  let output = try? decoder.decode(CellOutput.self, from: outData) else { continue }
            return (output, meta)
        }
        return nil
    }

    /// Stores `output` atomically under `dir`.
    func store(_ output: CellOutput, seconds: Double, threads: Int, in dir: URL) throws {
        let fm = FileManager.default
        let encoder = LabJSON.encoder()
        let reads = try encoder.encode(output.reads)
        let entry = String(SHA256.hexDigest([UInt8](reads)).prefix(24))
        let final = dir.appendingPathComponent(entry)
        let temp = dir.appendingPathComponent(".tmp-\(entry)-\(CacheOwner.current.tag)-\(UUID().uuidString.prefix(8))")
        try fm.createDirectory(at: temp, withIntermediateDirectories: true)
        do {
            try encoder.encode(output).write(to: temp.appendingPathComponent("output.json"))
            try encoder.encode(Meta(reads: output.reads, seconds: seconds, threads: threads)).write(to: temp.appendingPathComponent("meta.json"))
        } catch {
            try? fm.removeItem(at: temp)
            throw error
        }
        if fm.fileExists(atPath: final.path) { try? fm.removeItem(at: final) }
        do {
            try fm.moveItem(at: temp, to: final)
        } catch {
            try? fm.removeItem(at: temp)     // another process stored the same entry first
        }
    }

    /// Removes temporary entries left by processes of this host that have died.
    func sweepStale(experiment: String) {
        let fm = FileManager.default
        let base = root.appendingPathComponent(experiment)
        guard let walker = fm.enumerator(atPath: base.path) else { return }
        var stale: [URL] = []
        for case let path as String in walker {
            let name = (path as NSString).lastPathComponent
            guard name.hasPrefix(".tmp-"), CacheOwner.isDeadLocalOwner(inName: name) else { continue }
            stale.append(base.appendingPathComponent(path))
        }
        for url in stale { try? fm.removeItem(at: url) }
    }
}

/// Who owns a temporary cache entry or staging folder: host name and process id. Only
/// entries of this host whose process is gone are ever removed.
struct CacheOwner {
    let host: String
    let pid: Int32

    static let current = CacheOwner(host: safeName(ProcessInfo.processInfo.hostName), pid: getpid())

    /// "host_pid", embedded in temporary names.
    var tag: String { "\(host.replacingOccurrences(of: "-", with: "_"))_\(pid)" }

    /// True when `name` carries a tag of this host whose process no longer runs.
    static func isDeadLocalOwner(inName name: String) -> Bool {
        let localTag = current.host.replacingOccurrences(of: "-", with: "_") + "_"
        for part in name.split(separator: "-") where part.hasPrefix(localTag) {
            guard let pid = Int32(part.dropFirst(localTag.count)) else { continue }
            return pid != current.pid && kill(pid, 0) != 0
        }
        return false
    }
}

func safeName(_ s: String) -> String {
    String(s.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
}
