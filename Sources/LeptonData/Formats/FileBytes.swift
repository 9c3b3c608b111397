import Foundation

/// Whole-file reads and all-or-nothing writes with typed errors.
enum FileBytes {
    /// The bytes of the file at `url`; a missing file reports `remedy`.
    static func read(_ url: URL, remedy: String) throws(DataError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw .fileMissing(path: url.path, remedy: remedy)
        }
        do {
            return [UInt8](try Data(contentsOf: url, options: .mappedIfSafe))
        } catch {
            throw .readFailed(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Writes `bytes` to a temporary file beside `url`, then renames it into place.
    static func writeAtomically(_ bytes: [UInt8], to url: URL) throws(DataError) {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).partial-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw .writeFailed(path: url.path, reason: error.localizedDescription)
        }
        try moveIntoPlace(temporary, url)
    }

    /// Renames `source` onto `destination` in one step (replacing it), removing `source` on failure.
    static func moveIntoPlace(_ source: URL, _ destination: URL) throws(DataError) {
        guard rename(source.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: source)
            throw .writeFailed(path: destination.path, reason: "rename failed: \(reason)")
        }
    }
}
