import CZlib

/// Reads and writes gzip data through zlib.
public enum Gzip {
    /// Whether `bytes` start with the gzip magic number 1f 8b.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
    }

    /// Inflates the gzip data in `bytes` (one or more members) read from `path`.
    ///
    /// The output is sized from the trailer's ISIZE field, so a well-formed single-member
    /// file is inflated in one zlib call; the buffer grows if the trailer lies.
    public static func decompress(_ bytes: [UInt8], path: String,
                                  remedy: String = "replace the file with a fresh copy") throws(DataError) -> [UInt8] {
        let stream: ZStream
        do {
            stream = try ZStream(mode: .inflate)
        } catch {
            throw .corruptGzip(path: path, reason: "zlib status \(error.status): \(error.message)", remedy: remedy)
        }
        var output = [UInt8](repeating: 0, count: initialCapacity(for: bytes))
        var consumed = 0
        var produced = 0
        while true {
            if produced == output.count {
                output.append(contentsOf: repeatElement(0, count: max(output.count, 1 << 16)))
            }
            let step = bytes.withUnsafeBytes { input in
                output.withUnsafeMutableBytes { out in
                    stream.step(input: UnsafeRawBufferPointer(rebasing: input[consumed...]),
                                output: UnsafeMutableRawBufferPointer(rebasing: out[produced...]),
                                flush: Z_NO_FLUSH)
                }
            }
            consumed += step.consumed
            produced += step.produced
            switch step.status {
            case Z_STREAM_END:
                let rest = bytes.count - consumed
                if rest >= 2, bytes[consumed] == 0x1f, bytes[consumed + 1] == 0x8b, stream.reset() == Z_OK {
                    continue
                }
                output.removeSubrange(produced...)
                return output
            case Z_OK:
                continue
            case Z_BUF_ERROR where produced == output.count:
                continue
            case Z_BUF_ERROR:
                throw .corruptGzip(path: path,
                                   reason: "the compressed stream ends early after \(consumed) of \(bytes.count) bytes",
                                   remedy: remedy)
            default:
                throw .corruptGzip(path: path,
                                   reason: "zlib status \(step.status): \(stream.message ?? "no message")",
                                   remedy: remedy)
            }
        }
    }

    /// Deflates `bytes` into a single gzip member (used to write test fixtures and data subsets).
    public static func compress(_ bytes: [UInt8], level: Int32 = Z_DEFAULT_COMPRESSION) throws(DataError) -> [UInt8] {
        let stream: ZStream
        do {
            stream = try ZStream(mode: .deflate, level: level)
        } catch {
            throw .writeFailed(path: "<gzip stream>", reason: "zlib status \(error.status): \(error.message)")
        }
        var output = [UInt8](repeating: 0, count: stream.deflateBound(bytes.count))
        let step = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                stream.step(input: input, output: out, flush: Z_FINISH)
            }
        }
        guard step.status == Z_STREAM_END else {
            throw .writeFailed(path: "<gzip stream>",
                               reason: "deflate returned \(step.status): \(stream.message ?? "no message")")
        }
        output.removeSubrange(step.produced...)
        return output
    }

    /// The trailer's ISIZE (uncompressed size mod 2^32), capped, as a first guess at the output size.
    private static func initialCapacity(for bytes: [UInt8]) -> Int {
        guard bytes.count >= 18 else { return 1 << 16 }
        let n = bytes.count
        let isize = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
        return max(1 << 12, min(isize, bytes.count * 1032, 1 << 32))
    }
}
