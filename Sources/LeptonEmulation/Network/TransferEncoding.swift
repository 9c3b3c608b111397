import LeptonCore
import LeptonTensor

/// How a tensor is turned into bytes to cross a link (001's JSON list, and binary forms).
///
/// Binary layouts (little-endian): a tag byte (1 float32, 2 uint8, 3 int8), a rank byte,
/// rank × UInt32 dimensions, then
/// - float32: 4 bytes per value, lossless;
/// - uint8 (asymmetric): Float32 scale s = (max − min) / 255 (1 if max = min) and a UInt8
///   zero point z = clamp(round(−min / s), 0, 255); codes q = clamp(round(x / s) + z, 0, 255);
///   decoded x' = (q − z) · s;
/// - int8 (symmetric): Float32 scale s = max|x| / 127 (1 if all zero);
///   q = clamp(round(x / s), −127, 127); x' = q · s.
/// JSON: `{"shape":[…],"data":[[…]]}`, the data as a nested list of floats in the
/// shortest form that reads back to the same Float32 (lossless).
///
/// On the modelled clock packing and unpacking cost ``packOperationsPerElement`` and
/// ``unpackOperationsPerElement`` operations per element at the tier's FLOP rate (model
/// constants: float32 1/1, uint8 4/2, int8 3/2, JSON 40/60).
public enum TransferEncoding: String, Sendable, Hashable, Codable, CaseIterable {
    /// 001's nested list of floats as JSON text.
    case json
    /// Raw Float32.
    case float32
    /// Asymmetric uint8 with scale and zero point.
    case uint8
    /// Symmetric int8 with a scale.
    case int8

    /// Modelled packing cost per element.
    public var packOperationsPerElement: Int {
        switch self { case .json: 40; case .float32: 1; case .uint8: 4; case .int8: 3 }
    }

    /// Modelled unpacking cost per element.
    public var unpackOperationsPerElement: Int {
        switch self { case .json: 60; case .float32: 1; case .uint8: 2; case .int8: 2 }
    }

    /// Whether decoding returns exactly the encoded values.
    public var isLossless: Bool { self == .json || self == .float32 }

    /// The encoded size of a tensor of `shape` for the binary encodings (nil for JSON,
    /// whose size depends on the values).
    public func encodedSize(shape: [Int]) -> ByteCount? {
        let header = 2 + 4 * shape.count
        let n = shape.reduce(1, *)
        switch self {
        case .json: return nil
        case .float32: return .bytes(header + 4 * n)
        case .uint8: return .bytes(header + 5 + n)
        case .int8: return .bytes(header + 4 + n)
        }
    }

    /// Encodes every value of `tensor` (batch dimension included).
    public func encode(_ tensor: Tensor) -> [UInt8] {
        let n = tensor.count
        let x = tensor.pointer
        if self == .json { return TensorJSON.encode(tensor) }
        var out: [UInt8] = []
        out.reserveCapacity(encodedSize(shape: tensor.shape)?.bytes ?? 0)
        out.append(tag)
        out.append(UInt8(tensor.shape.count))
        for d in tensor.shape { Self.append(UInt32(d), to: &out) }
        switch self {
        case .json:
            break
        case .float32:
            for i in 0..<n { Self.append(x[i].bitPattern, to: &out) }
        case .uint8:
            var lo = Float.infinity, hi = -Float.infinity
            for i in 0..<n { lo = Swift.min(lo, x[i]); hi = Swift.max(hi, x[i]) }
            if n == 0 { lo = 0; hi = 0 }
            let scale: Float = hi > lo ? (hi - lo) / 255 : 1
            let zero = UInt8(Swift.max(0, Swift.min(255, (-lo / scale).rounded(.toNearestOrAwayFromZero))))
            Self.append(scale.bitPattern, to: &out)
            out.append(zero)
            let z = Float(zero)
            for i in 0..<n {
                let q = (x[i] / scale).rounded(.toNearestOrAwayFromZero) + z
                out.append(UInt8(Swift.max(0, Swift.min(255, q))))
            }
        case .int8:
            var m: Float = 0
            for i in 0..<n { m = Swift.max(m, abs(x[i])) }
            let scale: Float = m > 0 ? m / 127 : 1
            Self.append(scale.bitPattern, to: &out)
            for i in 0..<n {
                let q = Swift.max(-127, Swift.min(127, (x[i] / scale).rounded(.toNearestOrAwayFromZero)))
                out.append(UInt8(bitPattern: Int8(q)))
            }
        }
        return out
    }

    /// Decodes bytes produced by ``encode(_:)`` with the same encoding.
    public func decode(_ bytes: [UInt8]) throws(EmulationError) -> Tensor {
        if self == .json { return try TensorJSON.decode(bytes) }
        guard bytes.count >= 2 else { throw .decoding(encoding: rawValue, reason: "\(bytes.count) bytes, fewer than the 2-byte header") }
        guard bytes[0] == tag else {
            throw .decoding(encoding: rawValue, reason: "tag byte \(bytes[0]), expected \(tag); was it packed with another encoding?")
        }
        let rank = Int(bytes[1])
        var at = 2
        guard bytes.count >= at + 4 * rank else { throw .decoding(encoding: rawValue, reason: "truncated shape (rank \(rank))") }
        var shape: [Int] = []
        for _ in 0..<rank { shape.append(Int(Self.readUInt32(bytes, at))); at += 4 }
        let n = shape.reduce(1, *)
        guard let expected = encodedSize(shape: shape), expected.bytes == bytes.count else {
            throw .decoding(encoding: rawValue, reason: "\(bytes.count) bytes for shape \(shape), expected \(encodedSize(shape: shape)?.bytes ?? 0)")
        }
        let t = Tensor(zeros: shape)
        let y = t.pointer
        switch self {
        case .json:
            break
        case .float32:
            for i in 0..<n { y[i] = Float(bitPattern: Self.readUInt32(bytes, at + 4 * i)) }
        case .uint8:
            let scale = Float(bitPattern: Self.readUInt32(bytes, at))
            let zero = Float(bytes[at + 4])
            at += 5
            for i in 0..<n { y[i] = (Float(bytes[at + i]) - zero) * scale }
        case .int8:
            let scale = Float(bitPattern: Self.readUInt32(bytes, at))
            at += 4
            for i in 0..<n { y[i] = Float(Int8(bitPattern: bytes[at + i])) * scale }
        }
        return t
    }

    private var tag: UInt8 {
        switch self { case .json: 0; case .float32: 1; case .uint8: 2; case .int8: 3 }
    }

    private static func append(_ v: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: v))
        out.append(UInt8(truncatingIfNeeded: v >> 8))
        out.append(UInt8(truncatingIfNeeded: v >> 16))
        out.append(UInt8(truncatingIfNeeded: v >> 24))
    }

    private static func readUInt32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }
}
