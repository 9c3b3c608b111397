import Foundation

/// The parts of an ONNX `ModelProto` that Lepton reads: the graph's nodes in order, its
/// initializers (weights) as F32 tensors, and its first input's shape.
///
/// Field numbers follow onnx.proto (ModelProto.graph = 7; GraphProto.node = 1,
/// initializer = 5, input = 11; NodeProto.input = 1, output = 2, name = 3, op_type = 4,
/// attribute = 5; AttributeProto.name = 1, f = 2, i = 3, s = 4, floats = 7, ints = 8;
/// TensorProto.dims = 1, data_type = 2, float_data = 4, int64_data = 7, name = 8, raw_data = 9).
public struct ONNXGraph: Sendable {
    /// One operator of the graph.
    public struct Node: Sendable {
        /// The node's name (may be empty in the file; then "OpType#index").
        public let name: String
        /// The operator, such as "Conv" or "Gemm".
        public let opType: String
        /// Input value names.
        public let inputs: [String]
        /// Output value names.
        public let outputs: [String]
        /// Integer and integer-list attributes.
        public let ints: [String: [Int]]
        /// Float attributes.
        public let floats: [String: Float]
    }

    /// A constant tensor (weights, biases, shapes).
    public struct Initializer: Sendable {
        /// Dimensions, outermost first.
        public let dims: [Int]
        /// Values as F32 (INT64 tensors converted, for Reshape's shape).
        public let values: [Float]
    }

    /// The nodes in file (topological) order.
    public let nodes: [Node]
    /// The initializers by name.
    public let initializers: [String: Initializer]
    /// The graph input's name (the first input that is not an initializer).
    public let inputName: String
    /// Its shape; symbolic dimensions (a batch size) are -1.
    public let inputShape: [Int]

    /// ModelProto's field numbers in onnx.proto: ir_version 1, producer_name 2, producer_version 3,
    /// domain 4, model_version 5, doc_string 6, graph 7, opset_import 8, metadata_props 14,
    /// training_info 20, functions 25, configuration 26.
    static let modelFields: Set<Int> = [1, 2, 3, 4, 5, 6, 7, 8, 14, 20, 25, 26]

    /// Parses an ONNX model file's bytes; `path` names it in messages. Every byte must be
    /// accounted for: a length that runs past the end, a field onnx.proto does not define at
    /// the top level and a second graph are refused with the byte offset or field.
    public init(bytes: [UInt8], path: String) throws(NNError) {
        do {
            var model = ProtobufReader(bytes[...])
            let top = try model.fields()
            // Every byte must belong to a ModelProto field onnx.proto defines: bytes that parse
            // as some other field are trailing garbage or a damaged file, not an extension.
            if let stray = top.first(where: { !Self.modelFields.contains($0.number) }) {
                throw NNError.modelFileFormat(path: path, reason: "field \(stray.number) at the top level is not a ModelProto field "
                                              + "(onnx.proto defines \(Self.modelFields.sorted().map(String.init).joined(separator: ", "))); "
                                              + "the file has trailing bytes or is damaged")
            }
            guard top.filter({ $0.number == 7 }).count <= 1 else {
                throw NNError.modelFileFormat(path: path, reason: "two graphs (ModelProto field 7); a model has one")
            }
            guard let graphField = top.last(where: { $0.number == 7 && $0.wireType == 2 }) else {
                throw NNError.modelFileFormat(path: path, reason: "no graph (ModelProto field 7); is this an ONNX model?")
            }
            var graph = ProtobufReader(graphField.bytes)
            let fields = try graph.fields()
            var initializers: [String: Initializer] = [:]
            for field in fields where field.number == 5 {
                let (name, tensor) = try Self.tensor(field.bytes, path: path)
                initializers[name] = tensor
            }
            var nodes: [Node] = []
            for (index, field) in fields.filter({ $0.number == 1 }).enumerated() {
                nodes.append(try Self.node(field.bytes, index: index))
            }
            var inputName = "", inputShape: [Int] = []
            for field in fields where field.number == 11 {
                var info = ProtobufReader(field.bytes)
                let parts = try info.fields()
                let name = parts.first { $0.number == 1 }.map(ProtobufReader.string) ?? ""
                guard initializers[name] == nil else { continue }
                inputName = name
                inputShape = try Self.shape(parts.first { $0.number == 2 }?.bytes ?? [])
                break
            }
            self.nodes = nodes
            self.initializers = initializers
            self.inputName = inputName
            self.inputShape = inputShape
        } catch let error as ProtobufReader.Malformed {
            throw .modelFileFormat(path: path, reason: "protobuf error at byte \(error.offset): \(error.problem)")
        } catch let error as NNError {
            throw error
        } catch {
            throw .modelFileFormat(path: path, reason: "\(error)")
        }
    }

    private static func node(_ bytes: ArraySlice<UInt8>, index: Int) throws -> Node {
        var reader = ProtobufReader(bytes)
        let fields = try reader.fields()
        let opType = fields.first { $0.number == 4 }.map(ProtobufReader.string) ?? ""
        var name = fields.first { $0.number == 3 }.map(ProtobufReader.string) ?? ""
        if name.isEmpty { name = "\(opType)#\(index)" }
        var ints: [String: [Int]] = [:], floats: [String: Float] = [:]
        for field in fields where field.number == 5 {
            var attribute = ProtobufReader(field.bytes)
            let parts = try attribute.fields()
            let key = parts.first { $0.number == 1 }.map(ProtobufReader.string) ?? ""
            if let i = parts.first(where: { $0.number == 3 }) { ints[key] = [Int(Int64(bitPattern: i.varint))] }
            let list = try ProtobufReader.integers(parts, number: 8)
            if !list.isEmpty { ints[key] = list.map { Int($0) } }
            if let f = parts.first(where: { $0.number == 2 && $0.wireType == 5 }) {
                floats[key] = ProtobufReader.littleEndianFloats(f.bytes).first
            }
        }
        return Node(name: name, opType: opType,
                    inputs: fields.filter { $0.number == 1 }.map(ProtobufReader.string),
                    outputs: fields.filter { $0.number == 2 }.map(ProtobufReader.string), ints: ints, floats: floats)
    }

    private static func tensor(_ bytes: ArraySlice<UInt8>, path: String) throws -> (String, Initializer) {
        var reader = ProtobufReader(bytes)
        let fields = try reader.fields()
        let name = fields.first { $0.number == 8 }.map(ProtobufReader.string) ?? ""
        let dims = try ProtobufReader.integers(fields, number: 1).map { Int($0) }
        let type = fields.first { $0.number == 2 }.map { Int($0.varint) } ?? 0
        let raw = fields.first { $0.number == 9 }?.bytes ?? []
        var count = 1
        for d in dims {
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard d >= 0, !overflow else {
                throw NNError.modelFileFormat(path: path, reason: "initializer '\(name)' has shape \(dims), which no file can hold")
            }
            count = product
        }
        var values: [Float]
        switch type {
        case 1:  // FLOAT
            values = raw.isEmpty ? ProtobufReader.floats(fields, number: 4) : ProtobufReader.littleEndianFloats(raw)
        case 7:  // INT64
            if raw.isEmpty {
                values = try ProtobufReader.integers(fields, number: 7).map { Float($0) }
            } else {
                let base = raw.startIndex
                values = (0..<(raw.count / 8)).map { i in
                    var v: UInt64 = 0
                    for b in 0..<8 { v |= UInt64(raw[base + 8 * i + b]) << (8 * UInt64(b)) }
                    return Float(Int64(bitPattern: v))
                }
            }
        default:
            throw NNError.modelFileFormat(path: path, reason: "initializer '\(name)' has ONNX data type \(type); only FLOAT (1) and INT64 (7) are read")
        }
        guard values.count == count else {
            throw NNError.modelFileFormat(path: path, reason: "initializer '\(name)' of shape \(dims) holds \(values.count) values")
        }
        return (name, Initializer(dims: dims, values: values))
    }

    /// TypeProto.tensor_type (1) → shape (2) → dim (1) → dim_value (1) or dim_param (2, → -1).
    private static func shape(_ bytes: ArraySlice<UInt8>) throws -> [Int] {
        var type = ProtobufReader(bytes)
        guard let tensorType = try type.fields().first(where: { $0.number == 1 }) else { return [] }
        var tensor = ProtobufReader(tensorType.bytes)
        guard let shape = try tensor.fields().first(where: { $0.number == 2 }) else { return [] }
        var dims = ProtobufReader(shape.bytes)
        return try dims.fields().filter { $0.number == 1 }.map { dim in
            var d = ProtobufReader(dim.bytes)
            return try d.fields().first { $0.number == 1 }.map { Int(Int64(bitPattern: $0.varint)) } ?? -1
        }
    }
}
