import Foundation
import LeptonTensor

/// Reads and writes model weights in the safetensors format
/// (8-byte little-endian header length, a JSON header, then raw little-endian data),
/// so PyTorch (`safetensors.torch.load_file`) and Keras users can load them.
///
/// Tensor names are `<layer>.<kernel|bias>` with Keras's layouts: convolution kernels
/// HWIO `[kh, kw, in, out]`, dense kernels `[in, out]`, and the flatten order NHWC.
public enum Safetensors {
    /// Writes every parameter of `model` to `url` as F32 tensors, atomically (a temporary
    /// file renamed into place). `metadata` is stored in the header's `__metadata__`.
    public static func save(_ model: Sequential, to url: URL, metadata: [String: String] = [:]) throws(NNError) {
        let data = encode(model, metadata: metadata)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw .weightFileIO(path: url.path, reason: "cannot write: \(error.localizedDescription)")
        }
    }

    /// The safetensors bytes of every parameter of `model`.
    public static func encode(_ model: Sequential, metadata: [String: String] = [:]) -> Data {
        let params = model.parameters
        var offset = 0
        var entries: [String] = []
        for p in params {
            let bytes = p.count * 4
            let shape = p.shape.map(String.init).joined(separator: ",")
            entries.append("\(jsonString(p.name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        var meta = metadata
        meta["format"] = "pt"
        meta["layout"] = "keras: conv kernels [kh,kw,in,out], dense kernels [in,out], NHWC flatten"
        meta["architecture"] = model.summary.map { "\($0.name)=\($0.description)" }.joined(separator: "; ")
        meta["input_shape"] = model.inputShape.map(String.init).joined(separator: ",")
        let metaJSON = meta.keys.sorted().map { "\(jsonString($0)):\(jsonString(meta[$0] ?? ""))" }.joined(separator: ",")
        entries.insert("\"__metadata__\":{\(metaJSON)}", at: 0)
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var data = Data(capacity: 8 + header.count + offset)
        var length = UInt64(header.count).littleEndian
        withUnsafeBytes(of: &length) { data.append(contentsOf: $0) }
        data.append(contentsOf: header)
        for p in params {
            for i in 0..<p.count {
                var bits = p.value.pointer[i].bitPattern.littleEndian
                withUnsafeBytes(of: &bits) { data.append(contentsOf: $0) }
            }
        }
        return data
    }

    /// Reads the tensors of a safetensors file into `model`'s parameters, checking that
    /// every parameter is present with the same shape and dtype F32.
    public static func load(into model: Sequential, from url: URL) throws(NNError) {
        try load(into: model, tensors: try read(url), path: url.path)
    }

    /// Loads safetensors bytes (from memory) into `model`; `name` stands for the file in messages.
    public static func load(into model: Sequential, data: Data, name: String) throws(NNError) {
        try load(into: model, tensors: try decode(data, path: name), path: name)
    }

    private static func load(into model: Sequential, tensors: [String: StoredTensor], path: String) throws(NNError) {
        for p in model.parameters {
            guard let t = tensors[p.name] else { throw .missingTensor(path: path, name: p.name) }
            guard Self.widenedDTypes.contains(t.dtype), t.shape == p.shape, t.values.count == p.count else {
                throw .tensorMismatch(path: path, name: p.name,
                                      expected: "F32 \(p.shape)", found: "\(t.dtype) \(t.shape)")
            }
            for i in 0..<p.count { p.value.pointer[i] = t.values[i] }
        }
    }

    /// The dtypes whose values are read (F16 and BF16 widened to F32); other dtypes are listed without values.
    public static let widenedDTypes: Set<String> = ["F32", "F16", "BF16"]

    /// One tensor read from a file.
    public struct StoredTensor: Sendable {
        /// The dtype as stored in the file ("F32", "F16", "BF16", "I64", …).
        public let dtype: String
        /// The tensor's shape.
        public let shape: [Int]
        /// The values widened to F32 (empty for dtypes outside `widenedDTypes`).
        public let values: [Float]
        /// Byte range `[begin, end)` inside the data section.
        public let dataOffsets: Range<Int>
    }

    /// Reads every tensor of a safetensors file (F16 and BF16 widened to F32; other dtypes listed with no values).
    public static func read(_ url: URL) throws(NNError) -> [String: StoredTensor] {
        try readFile(url).tensors
    }

    /// Reads a whole safetensors file: tensors and `__metadata__`.
    public static func readFile(_ url: URL) throws(NNError) -> SafetensorsFile {
        let path = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .weightFileIO(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        return try SafetensorsFile(data: data, path: path)
    }

    /// Reads every tensor from safetensors bytes; `path` names the source in messages.
    public static func decode(_ data: Data, path: String) throws(NNError) -> [String: StoredTensor] {
        try SafetensorsFile(data: data, path: path).tensors
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
