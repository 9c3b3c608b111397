import Foundation

/// The int8 weights of a quantised model as bytes in the safetensors layout (8-byte
/// little-endian header length, JSON header, raw little-endian data), so they can be
/// shipped to an edge device and loaded there.
///
/// Per int8 layer three tensors: `<layer>.kernel` (I8, the kernel's shape),
/// `<layer>.kernel_scale` (F32, one or one per output channel) and `<layer>.bias` (F32).
public enum QuantizedWeights {
    /// Encodes every int8 layer of `model`.
    public static func encode(_ model: Sequential) -> [UInt8] {
        var entries: [String] = []
        var data: [UInt8] = []
        func add(_ name: String, dtype: String, shape: [Int], bytes: [UInt8]) {
            let shapeText = shape.map(String.init).joined(separator: ",")
            entries.append("\(Safetensors.jsonString(name)):{\"dtype\":\"\(dtype)\",\"shape\":[\(shapeText)],"
                           + "\"data_offsets\":[\(data.count),\(data.count + bytes.count)]}")
            data += bytes
        }
        var scheme = QuantizationScheme.perChannel.rawValue
        for layer in model.layers {
            guard let q = layer as? QuantizedLayer else { continue }
            let k = q.quantizedKernel
            scheme = k.scheme.rawValue
            add("\(layer.name).kernel", dtype: "I8", shape: k.shape, bytes: k.codes.map { UInt8(bitPattern: $0) })
            add("\(layer.name).kernel_scale", dtype: "F32", shape: [k.scales.count], bytes: littleEndian(k.scales))
            add("\(layer.name).bias", dtype: "F32", shape: [q.biasValues.count], bytes: littleEndian(q.biasValues))
        }
        entries.insert("\"__metadata__\":{\"format\":\"lepton-int8\",\"scheme\":\"\(scheme)\"}", at: 0)
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(0x20) }
        var out: [UInt8] = []
        out.reserveCapacity(8 + header.count + data.count)
        let n = UInt64(header.count)
        for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: n >> (8 * UInt64(i)))) }
        return out + header + data
    }

    /// Loads bytes written by ``encode(_:)`` into the int8 layers of `model` (a model of
    /// the same architecture, e.g. quantised from an untrained copy), checking every shape.
    public static func decode(_ bytes: [UInt8], into model: Sequential) throws(NNError) {
        let source = "int8 weights"
        guard bytes.count >= 8 else { throw .weightFileFormat(path: source, reason: "only \(bytes.count) bytes, expected at least 8") }
        var n: UInt64 = 0
        for i in 0..<8 { n |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard n <= UInt64(bytes.count - 8) else {
            throw .weightFileFormat(path: source, reason: "header length \(n) exceeds the \(bytes.count) bytes")
        }
        let dataStart = 8 + Int(n)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart])),
              let header = object as? [String: Any] else {
            throw .weightFileFormat(path: source, reason: "the header is not a JSON object")
        }
        let metadata = header["__metadata__"] as? [String: Any]
        let scheme = QuantizationScheme(rawValue: metadata?["scheme"] as? String ?? "") ?? .perChannel
        func tensor(_ name: String, dtype: String) throws(NNError) -> (shape: [Int], bytes: ArraySlice<UInt8>) {
            guard let entry = header[name] as? [String: Any] else { throw .missingTensor(path: source, name: name) }
            let shape = (entry["shape"] as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.intValue }
            let offsets = (entry["data_offsets"] as? [Any] ?? []).compactMap { ($0 as? NSNumber)?.intValue }
            guard entry["dtype"] as? String == dtype else {
                throw .tensorMismatch(path: source, name: name, expected: dtype, found: "\(entry["dtype"] ?? "none")")
            }
            guard offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1], dataStart + offsets[1] <= bytes.count else {
                throw .weightFileFormat(path: source, reason: "entry '\(name)' has offsets \(offsets) outside the data section")
            }
            return (shape, bytes[(dataStart + offsets[0])..<(dataStart + offsets[1])])
        }
        for layer in model.layers {
            guard let q = layer as? QuantizedLayer else { continue }
            let k = try tensor("\(layer.name).kernel", dtype: "I8")
            let s = try tensor("\(layer.name).kernel_scale", dtype: "F32")
            let b = try tensor("\(layer.name).bias", dtype: "F32")
            guard k.shape == q.quantizedKernel.shape, k.bytes.count == k.shape.reduce(1, *) else {
                throw .tensorMismatch(path: source, name: "\(layer.name).kernel",
                                      expected: "I8 \(q.quantizedKernel.shape)", found: "I8 \(k.shape)")
            }
            guard b.bytes.count == 4 * q.biasValues.count else {
                throw .tensorMismatch(path: source, name: "\(layer.name).bias",
                                      expected: "F32 [\(q.biasValues.count)]", found: "\(b.bytes.count) bytes")
            }
            let kernel = QuantizedTensor(name: q.quantizedKernel.name, shape: k.shape,
                                         codes: k.bytes.map { Int8(bitPattern: $0) }, scales: floats(s.bytes), scheme: scheme)
            q.load(kernel: kernel, bias: floats(b.bytes))
        }
    }

    private static func littleEndian(_ values: [Float]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 4)
        for v in values {
            let bits = v.bitPattern
            out += [UInt8(truncatingIfNeeded: bits), UInt8(truncatingIfNeeded: bits >> 8),
                    UInt8(truncatingIfNeeded: bits >> 16), UInt8(truncatingIfNeeded: bits >> 24)]
        }
        return out
    }

    private static func floats(_ bytes: ArraySlice<UInt8>) -> [Float] {
        var out: [Float] = []
        out.reserveCapacity(bytes.count / 4)
        var i = bytes.startIndex
        while i + 4 <= bytes.endIndex {
            let bits = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
            out.append(Float(bitPattern: bits))
            i += 4
        }
        return out
    }
}
