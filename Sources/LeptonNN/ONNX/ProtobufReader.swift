/// A minimal protocol-buffers wire-format reader: varints, 64/32-bit fixed values and
/// length-delimited fields, which is all an ONNX file uses.
///
/// Hand-written instead of generated with swift-protobuf because Lepton reads a handful of
/// fields of five ONNX messages; the full generated `onnx.proto` code and the protoc plugin
/// build would cost far more than these hundred lines. Unknown fields are skipped, as the
/// protobuf rules require.
struct ProtobufReader {
    /// One field: its number, wire type and payload (a varint value or a byte range).
    struct Field {
        let number: Int
        let wireType: Int
        let varint: UInt64
        let bytes: ArraySlice<UInt8>
    }

    /// Why a buffer cannot be decoded.
    struct Malformed: Error {
        let offset: Int
        let problem: String
    }

    private let buffer: ArraySlice<UInt8>
    private var at: Int

    init(_ buffer: ArraySlice<UInt8>) {
        self.buffer = buffer
        at = buffer.startIndex
    }

    private mutating func varint() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard at < buffer.endIndex else { throw Malformed(offset: at, problem: "a varint runs past the end") }
            let byte = buffer[at]
            at += 1
            guard shift < 64 else { throw Malformed(offset: at, problem: "a varint is longer than 10 bytes") }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    private mutating func take(_ count: Int) throws(Malformed) -> ArraySlice<UInt8> {
        guard count >= 0, buffer.endIndex - at >= count else {
            throw Malformed(offset: at, problem: "a field of \(count) bytes runs past the end")
        }
        defer { at += count }
        return buffer[at..<(at + count)]
    }

    /// Every field of the message, in order.
    mutating func fields() throws(Malformed) -> [Field] {
        var result: [Field] = []
        while at < buffer.endIndex {
            let key = try varint()
            let number = Int(key >> 3), wire = Int(key & 7)
            switch wire {
            case 0: result.append(Field(number: number, wireType: 0, varint: try varint(), bytes: []))
            case 1: result.append(Field(number: number, wireType: 1, varint: 0, bytes: try take(8)))
            case 2:
                let length = try varint()
                guard length <= UInt64(Int.max) else { throw Malformed(offset: at, problem: "a length of \(length) bytes") }
                result.append(Field(number: number, wireType: 2, varint: 0, bytes: try take(Int(length))))
            case 5: result.append(Field(number: number, wireType: 5, varint: 0, bytes: try take(4)))
            default: throw Malformed(offset: at, problem: "wire type \(wire) of field \(number) is not supported")
            }
        }
        return result
    }

    /// The varints of a repeated integer field, packed (wire type 2) or not.
    static func integers(_ fields: [Field], number: Int) throws(Malformed) -> [Int64] {
        var values: [Int64] = []
        for field in fields where field.number == number {
            if field.wireType == 0 {
                values.append(Int64(bitPattern: field.varint))
            } else if field.wireType == 2 {
                var packed = ProtobufReader(field.bytes)
                while packed.at < packed.buffer.endIndex { values.append(Int64(bitPattern: try packed.varint())) }
            }
        }
        return values
    }

    /// The floats of a repeated float field, packed or not (little-endian IEEE 754).
    static func floats(_ fields: [Field], number: Int) -> [Float] {
        var values: [Float] = []
        for field in fields where field.number == number && (field.wireType == 5 || field.wireType == 2) {
            values += littleEndianFloats(field.bytes)
        }
        return values
    }

    /// Little-endian F32 values of `bytes`.
    static func littleEndianFloats(_ bytes: ArraySlice<UInt8>) -> [Float] {
        let base = bytes.startIndex
        return (0..<(bytes.count / 4)).map { i in
            let at = base + 4 * i
            return Float(bitPattern: UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24)
        }
    }

    /// A length-delimited field's bytes as UTF-8 text.
    static func string(_ field: Field) -> String { String(decoding: field.bytes, as: UTF8.self) }
}
