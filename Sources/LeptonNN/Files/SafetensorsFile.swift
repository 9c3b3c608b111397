import Foundation
import LeptonInput

/// A safetensors file read and checked to the letter of the format:
///
/// - 8 bytes: `N`, the header length, unsigned little-endian;
/// - `N` bytes: a UTF-8 JSON object, optionally padded at its end with spaces (0x20);
///   `__metadata__` (string → string) plus one entry per tensor with `dtype`, `shape` and
///   `data_offsets` `[begin, end)` relative to the data section;
/// - the data section: the rest of the file, covered *exactly* by the tensors' offsets —
///   no gap, no overlap, no excess — each tensor taking `count × dtype size` bytes.
///
/// F32, F16 and BF16 tensors are read as F32 (F16 and BF16 widened exactly); other
/// dtypes are checked for size and listed without values.
public struct SafetensorsFile: Sendable {
    /// The tensors by name.
    public let tensors: [String: Safetensors.StoredTensor]
    /// The header's `__metadata__` (empty when absent).
    public let metadata: [String: String]
    /// The header length field `N`.
    public let headerLength: Int

    /// Bytes per element of every dtype the format defines.
    public static let dtypeSizes: [String: Int] = [
        "BOOL": 1, "U8": 1, "I8": 1, "F8_E5M2": 1, "F8_E4M3": 1,
        "I16": 2, "U16": 2, "F16": 2, "BF16": 2,
        "I32": 4, "U32": 4, "F32": 4,
        "I64": 8, "U64": 8, "F64": 8,
    ]

    /// The largest header accepted (the reference implementation's limit, 100 MB).
    public static let maximumHeaderLength = 100_000_000

    /// Decodes and checks safetensors `data`; `path` names the source in messages.
    public init(data: Data, path: String) throws(NNError) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else {
            throw .weightFileFormat(path: path, reason: "only \(bytes.count) bytes, expected at least 8")
        }
        var n: UInt64 = 0
        for i in 0..<8 { n |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard n <= UInt64(bytes.count - 8) else {
            throw .weightFileFormat(path: path, reason: "header length \(n) exceeds the file size \(bytes.count)")
        }
        let declared = Int(n)
        guard declared <= Self.maximumHeaderLength else {
            throw .weightFileFormat(path: path, reason: "header length \(declared) exceeds the format's limit of \(Self.maximumHeaderLength) bytes")
        }
        guard bytes.count > 8, bytes[8] == UInt8(ascii: "{") else {
            throw .weightFileFormat(path: path, reason: "the header does not start with '{'")
        }
        guard let objectLength = Self.jsonObjectLength(bytes, from: 8) else {
            throw .weightFileFormat(path: path, reason: "the header's JSON object is never closed")
        }
        let header = try Self.parseHeader(Data(bytes[8..<(8 + objectLength)]), path: path)
        let entries = try Self.entries(header, path: path)
        let covered = entries.map(\.value.dataOffsets.upperBound).max() ?? 0
        let dataBytes = bytes.count - 8 - declared
        guard objectLength <= declared, dataBytes == covered else {
            let fitting = bytes.count - 8 - covered
            let fits = fitting >= objectLength && bytes[(8 + objectLength)..<(8 + fitting)].allSatisfy { $0 == 0x20 }
            throw .weightFileSizeMismatch(path: path, headerLength: declared, dataBytes: dataBytes,
                                          coveredBytes: covered, fittingHeaderLength: fits ? fitting : nil)
        }
        if let bad = bytes[(8 + objectLength)..<(8 + declared)].firstIndex(where: { $0 != 0x20 }) {
            throw .weightFileFormat(path: path, reason: "header byte \(bad - 8) is 0x\(String(bytes[bad], radix: 16)) after the JSON object; "
                                    + "only spaces (0x20) may pad the header")
        }
        try Self.checkCoverage(entries, path: path)
        metadata = try Self.metadata(header, path: path)
        headerLength = declared
        let dataStart = 8 + declared
        var tensors: [String: Safetensors.StoredTensor] = [:]
        for (name, entry) in entries {
            let range = (dataStart + entry.dataOffsets.lowerBound)..<(dataStart + entry.dataOffsets.upperBound)
            let values = Self.widened(bytes[range], dtype: entry.dtype)
            tensors[name] = Safetensors.StoredTensor(dtype: entry.dtype, shape: entry.shape, values: values,
                                                     dataOffsets: entry.dataOffsets)
        }
        self.tensors = tensors
    }

    private struct Entry {
        let dtype: String
        let shape: [Int]
        let dataOffsets: Range<Int>
    }

    /// The byte length of the JSON object starting at `start` (brace matching outside strings), or nil.
    static func jsonObjectLength(_ bytes: [UInt8], from start: Int) -> Int? {
        var depth = 0
        var inString = false
        var escaped = false
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
            } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                depth += 1
            } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return i - start + 1 }
            }
            i += 1
        }
        return nil
    }

    private static func parseHeader(_ json: Data, path: String) throws(NNError) -> [String: Any] {
        // Strict JSON with positions first (duplicate tensor names, NaN tokens, trailing commas
        // are refused where they stand); positions count from the header's first byte (file byte 8).
        do {
            _ = try JSONNode.parse(json, file: path)
        } catch {
            let place = error.location.map { location -> String in
                switch location {
                case let .text(line, column): return "at header line \(line), column \(column): "
                case let .byte(offset): return "at header byte \(offset): "
                }
            } ?? ""
            throw .weightFileFormat(path: path, reason: "the JSON header is not valid: \(place)\(error.detail)")
        }
        guard let object = try? JSONSerialization.jsonObject(with: json), let header = object as? [String: Any] else {
            throw .weightFileFormat(path: path, reason: "the header is not a JSON object")
        }
        return header
    }

    private static func integers(_ value: Any?) -> [Int]? {
        guard let list = value as? [Any] else { return nil }
        var out: [Int] = []
        for item in list {
            guard let number = item as? NSNumber else { return nil }
            let d = number.doubleValue
            guard d.rounded() == d, d >= 0, d < 9.0e15 else { return nil }
            out.append(Int(d))
        }
        return out
    }

    private static func entries(_ header: [String: Any], path: String) throws(NNError) -> [String: Entry] {
        var result: [String: Entry] = [:]
        let keys = ["dtype", "shape", "data_offsets"]
        for (name, value) in header where name != "__metadata__" {
            if let entry = value as? [String: Any], let stray = entry.keys.sorted().first(where: { !keys.contains($0) }) {
                throw .weightFileFormat(path: path, reason: "entry '\(name)' has the unknown key '\(stray)' (an entry has dtype, shape and data_offsets)"
                                        + (KeySuggestion.hint(for: stray, in: keys).map { "; \($0)" } ?? ""))
            }
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shape = integers(entry["shape"]), let offsets = integers(entry["data_offsets"]),
                  offsets.count == 2 else {
                throw .weightFileFormat(path: path, reason: "entry '\(name)' lacks dtype, shape (non-negative integers) "
                                        + "or data_offsets (two non-negative integers)")
            }
            guard let size = dtypeSizes[dtype] else {
                throw .weightFileFormat(path: path, reason: "entry '\(name)' has dtype '\(dtype)'; known dtypes: "
                                        + dtypeSizes.keys.sorted().joined(separator: ", "))
            }
            guard offsets[0] <= offsets[1] else {
                throw .weightFileFormat(path: path, reason: "entry '\(name)' has data_offsets \(offsets) with begin after end")
            }
            // Σ of a hostile shape overflows Int: such a tensor cannot fit any file.
            var count = 1
            for dimension in shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
                guard !overflow, product.multipliedReportingOverflow(by: size).overflow == false else {
                    throw .weightFileFormat(path: path, reason: "entry '\(name)' has shape \(shape), more elements than any file can hold")
                }
                count = product
            }
            guard offsets[1] - offsets[0] == count * size else {
                throw .weightFileTensorSize(path: path, name: name, dtype: dtype, shape: shape,
                                            expectedBytes: count * size, foundBytes: offsets[1] - offsets[0])
            }
            result[name] = Entry(dtype: dtype, shape: shape, dataOffsets: offsets[0]..<offsets[1])
        }
        return result
    }

    /// Every byte of the data section belongs to exactly one tensor: sorted by offsets, each
    /// tensor begins where the previous one ended (the first at 0).
    private static func checkCoverage(_ entries: [String: Entry], path: String) throws(NNError) {
        let sorted = entries.sorted {
            ($0.value.dataOffsets.lowerBound, $0.value.dataOffsets.upperBound, $0.key)
                < ($1.value.dataOffsets.lowerBound, $1.value.dataOffsets.upperBound, $1.key)
        }
        var end = 0
        var previous: (name: String, range: Range<Int>)?
        for (name, entry) in sorted {
            let range = entry.dataOffsets
            if range.lowerBound > end {
                throw .weightFileGap(path: path, begin: end, end: range.lowerBound, before: name)
            }
            if range.lowerBound < end, let previous {
                throw .weightFileOverlap(path: path, first: previous.name, firstRange: [previous.range.lowerBound, previous.range.upperBound],
                                         second: name, secondRange: [range.lowerBound, range.upperBound])
            }
            end = range.upperBound
            if !range.isEmpty { previous = (name, range) }
        }
    }

    private static func metadata(_ header: [String: Any], path: String) throws(NNError) -> [String: String] {
        guard let raw = header["__metadata__"] else { return [:] }
        guard let object = raw as? [String: Any] else {
            throw .weightFileFormat(path: path, reason: "__metadata__ is not a JSON object of strings")
        }
        var result: [String: String] = [:]
        for (key, value) in object {
            guard let text = value as? String else {
                throw .weightFileFormat(path: path, reason: "__metadata__ key '\(key)' is not a string; the format allows only string values")
            }
            result[key] = text
        }
        return result
    }

    /// Little-endian F32, F16 or BF16 bytes as F32 values; empty for other dtypes.
    static func widened(_ bytes: ArraySlice<UInt8>, dtype: String) -> [Float] {
        let base = bytes.startIndex
        switch dtype {
        case "F32":
            return (0..<(bytes.count / 4)).map { i in
                let at = base + 4 * i
                return Float(bitPattern: UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8
                             | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)
            }
        case "F16":
            return (0..<(bytes.count / 2)).map { i in
                halfToFloat(UInt16(bytes[base + 2 * i]) | UInt16(bytes[base + 2 * i + 1]) << 8)
            }
        case "BF16":
            return (0..<(bytes.count / 2)).map { i in
                Float(bitPattern: (UInt32(bytes[base + 2 * i]) | UInt32(bytes[base + 2 * i + 1]) << 8) << 16)
            }
        default:
            return []
        }
    }

    /// IEEE 754 binary16 → binary32, exactly (subnormals, infinities and NaN included).
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign: Float = h & 0x8000 != 0 ? -1 : 1
        let exponent = Int((h >> 10) & 0x1F)
        let fraction = Float(h & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * Float(sign: .plus, exponent: -24, significand: 1)
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
        }
    }
}
