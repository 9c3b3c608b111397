import LeptonTensor

/// 001's wire format: a tensor as `{"shape":[d0,…],"data":[[…]]}` with the data nested by
/// dimension, numbers in Swift's shortest round-trip form (so decoding is lossless), and a
/// small reader that checks the nesting against the shape.
enum TensorJSON {
    static func encode(_ tensor: Tensor) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(tensor.count * 10 + 32)
        out += Array("{\"shape\":[".utf8)
        out += Array(tensor.shape.map(String.init).joined(separator: ",").utf8)
        out += Array("],\"data\":".utf8)
        var index = 0
        func write(_ dim: Int) {
            if dim == tensor.shape.count {
                let v = tensor.pointer[index]
                index += 1
                out += Array((v.isFinite ? "\(v)" : "0").utf8)
                return
            }
            out.append(UInt8(ascii: "["))
            for i in 0..<tensor.shape[dim] {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(dim + 1)
            }
            out.append(UInt8(ascii: "]"))
        }
        write(0)
        out.append(UInt8(ascii: "}"))
        return out
    }

    static func decode(_ bytes: [UInt8]) throws(EmulationError) -> Tensor {
        var p = Parser(bytes: bytes)
        var shape: [Int]?
        var values: [Float] = []
        var dataShape: [Int] = []
        try p.expect("{")
        repeat {
            let key = try p.string()
            try p.expect(":")
            switch key {
            case "shape":
                var dims: [Int] = []
                try p.expect("[")
                if !p.consume("]") {
                    repeat {
                        let v = try p.number()
                        guard v >= 0, v == v.rounded(), v < 1e9 else { throw p.failure("dimension \(v) is not a count") }
                        dims.append(Int(v))
                    } while p.consume(",")
                    try p.expect("]")
                }
                shape = dims
            case "data":
                var leaf: Int?
                try p.nested(depth: 0, shape: &dataShape, leafDepth: &leaf, values: &values)
                dataShape = Array(dataShape.prefix(leaf ?? dataShape.count))
            default:
                throw p.failure("unexpected key '\(key)'; expected 'shape' and 'data'")
            }
        } while p.consume(",")
        try p.expect("}")
        p.skipSpace()
        guard p.at == bytes.count else { throw p.failure("trailing bytes after the object") }
        guard let s = shape else { throw EmulationError.decoding(encoding: "json", reason: "no 'shape' key") }
        guard s == dataShape || (s.reduce(1, *) == 0 && values.isEmpty), values.count == s.reduce(1, *) else {
            throw EmulationError.decoding(encoding: "json", reason: "data nested as \(dataShape) with \(values.count) values, shape says \(s)")
        }
        return Tensor(shape: s, values: values)
    }

    private struct Parser {
        let bytes: [UInt8]
        var at = 0

        func failure(_ reason: String) -> EmulationError {
            .decoding(encoding: "json", reason: "\(reason) at byte \(at)")
        }

        mutating func skipSpace() {
            while at < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[at]) { at += 1 }
        }

        mutating func consume(_ c: Character) -> Bool {
            skipSpace()
            guard let a = c.asciiValue, at < bytes.count, bytes[at] == a else { return false }
            at += 1
            return true
        }

        mutating func expect(_ c: Character) throws(EmulationError) {
            guard consume(c) else { throw failure("expected '\(c)'") }
        }

        mutating func string() throws(EmulationError) -> String {
            try expect("\"")
            let start = at
            while at < bytes.count, bytes[at] != UInt8(ascii: "\"") { at += 1 }
            guard at < bytes.count else { throw failure("unterminated string") }
            let s = String(decoding: bytes[start..<at], as: UTF8.self)
            at += 1
            return s
        }

        mutating func number() throws(EmulationError) -> Float {
            skipSpace()
            let start = at
            while at < bytes.count {
                let c = bytes[at]
                guard (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2B || c == 0x2E || c == 0x65 || c == 0x45 else { break }
                at += 1
            }
            guard at > start, let v = Float(String(decoding: bytes[start..<at], as: UTF8.self)) else {
                throw failure("expected a number")
            }
            return v
        }

        /// Reads a nested list, recording the length at each depth (which must agree) and
        /// the depth of the numbers (which must be the same everywhere).
        mutating func nested(depth: Int, shape: inout [Int], leafDepth: inout Int?,
                             values: inout [Float]) throws(EmulationError) {
            skipSpace()
            guard at < bytes.count else { throw failure("unexpected end") }
            if bytes[at] != UInt8(ascii: "[") {
                if let d = leafDepth, d != depth { throw failure("ragged nesting (a number at depth \(depth), expected \(d))") }
                leafDepth = depth
                values.append(try number())
                return
            }
            at += 1
            var count = 0
            if !consume("]") {
                repeat {
                    try nested(depth: depth + 1, shape: &shape, leafDepth: &leafDepth, values: &values)
                    count += 1
                } while consume(",")
                try expect("]")
            }
            while shape.count <= depth { shape.append(-1) }
            if shape[depth] == -1 { shape[depth] = count } else if shape[depth] != count {
                throw failure("a list of \(count) items where \(shape[depth]) were expected")
            }
        }
    }
}
