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
        let url = URL(fileURLWithPath: path)
        for p in model.parameters {
            guard let t = tensors[p.name] else { throw .missingTensor(path: url.path, name: p.name) }
            guard t.dtype == "F32", t.shape == p.shape else {
                throw .tensorMismatch(path: url.path, name: p.name,
                                      expected: "F32 \(p.shape)", found: "\(t.dtype) \(t.shape)")
            }
            for i in 0..<p.count { p.value.pointer[i] = t.values[i] }
        }
    }

    /// One tensor read from a file.
    public struct StoredTensor: Sendable {
        public let dtype: String
        public let shape: [Int]
        public let values: [Float]
    }

    /// Reads every F32 tensor of a safetensors file (other dtypes are listed with no values).
    public static func read(_ url: URL) throws(NNError) -> [String: StoredTensor] {
        let path = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .weightFileIO(path: path, reason: "cannot read: \(error.localizedDescription)")
        }
        return try decode(data, path: path)
    }

    /// Reads every F32 tensor from safetensors bytes; `path` names the source in messages.
    public static func decode(_ data: Data, path: String) throws(NNError) -> [String: StoredTensor] {
        guard data.count >= 8 else { throw .weightFileFormat(path: path, reason: "only \(data.count) bytes, expected at least 8") }
        let bytes = [UInt8](data)
        var n: UInt64 = 0
        for i in 0..<8 { n |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard n <= UInt64(bytes.count - 8) else {
            throw .weightFileFormat(path: path, reason: "header length \(n) exceeds the file size \(bytes.count)")
        }
        let headerEnd = 8 + Int(n)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd])),
              let header = object as? [String: Any] else {
            throw .weightFileFormat(path: path, reason: "the header is not a JSON object")
        }
        let dataStart = headerEnd
        var result: [String: StoredTensor] = [:]
        for (name, value) in header where name != "__metadata__" {
            guard let entry = value as? [String: Any], let dtype = entry["dtype"] as? String,
                  let shapeAny = entry["shape"] as? [Any], let offsetsAny = entry["data_offsets"] as? [Any],
                  offsetsAny.count == 2 else {
                throw .weightFileFormat(path: path, reason: "entry '\(name)' lacks dtype, shape or data_offsets")
            }
            let shape = shapeAny.compactMap { ($0 as? NSNumber)?.intValue }
            let offsets = offsetsAny.compactMap { ($0 as? NSNumber)?.intValue }
            guard shape.count == shapeAny.count, offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1],
                  dataStart + offsets[1] <= bytes.count else {
                throw .weightFileFormat(path: path, reason: "entry '\(name)' has offsets \(offsets) outside the data section")
            }
            guard dtype == "F32" else { result[name] = StoredTensor(dtype: dtype, shape: shape, values: []); continue }
            let count = shape.reduce(1, *)
            guard offsets[1] - offsets[0] == count * 4 else {
                throw .weightFileFormat(path: path, reason: "entry '\(name)' of shape \(shape) needs \(count * 4) bytes, has \(offsets[1] - offsets[0])")
            }
            var values = [Float](repeating: 0, count: count)
            var at = dataStart + offsets[0]
            for i in 0..<count {
                let bits = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
                values[i] = Float(bitPattern: bits)
                at += 4
            }
            result[name] = StoredTensor(dtype: dtype, shape: shape, values: values)
        }
        return result
    }

    private static func jsonString(_ s: String) -> String {
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
