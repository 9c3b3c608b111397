import Foundation
import LeptonTensor

/// Builds a Lepton `Sequential` from an ONNX model whose graph is a chain of the operators
/// Lepton's layers cover: Conv, MaxPool, AveragePool, Relu, Sigmoid, Tanh, Softmax, Flatten/Reshape,
/// Gemm, MatMul (+ Add), Dropout and Identity.
///
/// Layouts are converted on import: ONNX is NCHW with convolution weights OIHW, Lepton is
/// NHWC with kernels HWIO; the first dense layer after a flatten has its rows permuted
/// from ONNX's channel-major flatten order to Lepton's NHWC order, so the imported model
/// computes the same function. Activations directly after a Conv or Gemm are fused into it.
/// Any other operator is refused with the node's name and operator type.
public enum ONNXImport {
    /// Reads and converts the ONNX file at `url`.
    public static func load(_ url: URL) throws(NNError) -> Sequential {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .weightFileIO(path: url.path, reason: "cannot read: \(error.localizedDescription)")
        }
        return try load(data: data, path: url.path)
    }

    /// Converts ONNX bytes already read (`path` names them in errors).
    public static func load(data: Data, path: String) throws(NNError) -> Sequential {
        try convert(ONNXGraph(bytes: [UInt8](data), path: path), path: path)
    }

    private enum Spec {
        case conv(filters: Int, kernel: (Int, Int), strides: (Int, Int), weights: [Float], bias: [Float], activation: Activation)
        case dense(units: Int, weights: [Float], bias: [Float], activation: Activation)
        case pool(size: (Int, Int), strides: (Int, Int))
        case averagePool(size: (Int, Int), strides: (Int, Int))
        case flatten
        case activation(Activation)

        var layer: Layer {
            switch self {
            case let .conv(filters, kernel, strides, _, _, activation):
                return Conv2D(filters: filters, kernelSize: kernel, strides: strides, activation: activation)
            case let .dense(units, _, _, activation): return Dense(units: units, activation: activation)
            case let .pool(size, strides): return MaxPool2D(poolSize: size, strides: strides)
            case let .averagePool(size, strides): return AvgPool2D(poolSize: size, strides: strides)
            case .flatten: return Flatten()
            case let .activation(a): return ActivationLayer(a)
            }
        }
    }

    /// The shape flowing between nodes: spatial NHWC, or flat (with the CHW it was flattened from).
    private enum Flow {
        case spatial(h: Int, w: Int, c: Int)
        case flat(count: Int, from: (c: Int, h: Int, w: Int)?)
    }

    static func convert(_ graph: ONNXGraph, path: String) throws(NNError) -> Sequential {
        let shape = graph.inputShape
        guard shape.count == 4 || shape.count == 2, shape.dropFirst().allSatisfy({ $0 > 0 && $0 <= 1 << 20 }),
              shape.dropFirst().reduce(1, { $0 * $1 }) <= 1 << 31 else {
            throw .modelFileFormat(path: path, reason: "input '\(graph.inputName)' has shape \(shape); expected [batch, channels, height, width] or [batch, features], each size 1…1048576 and at most 2³¹ values per sample")
        }
        var flow: Flow = shape.count == 4 ? .spatial(h: shape[2], w: shape[3], c: shape[1]) : .flat(count: shape[1], from: nil)
        let inputShape = shape.count == 4 ? [shape[2], shape[3], shape[1]] : [shape[1]]
        var specs: [Spec] = []
        var current = graph.inputName
        var index = 0
        let nodes = graph.nodes
        while index < nodes.count {
            let node = nodes[index]
            index += 1
            guard let dataInput = node.inputs.first, dataInput == current else {
                throw .modelFileFormat(path: path, reason: "node '\(node.name)' (\(node.opType)) reads '\(node.inputs.first ?? "nothing")', "
                                       + "not the previous node's output '\(current)'; only chains of operators are imported")
            }
            current = node.outputs.first ?? ""
            func weight(_ k: Int) throws(NNError) -> ONNXGraph.Initializer {
                guard node.inputs.count > k, let t = graph.initializers[node.inputs[k]] else {
                    throw .modelFileFormat(path: path, reason: "node '\(node.name)' (\(node.opType)): input \(k) is not a constant initializer")
                }
                return t
            }
            switch node.opType {
            case "Conv":
                guard case let .spatial(h, w, c) = flow else { throw notSpatial(node, path) }
                let kernel = try weight(1)
                guard kernel.dims.count == 4, kernel.dims[1] == c else {
                    throw .modelFileFormat(path: path, reason: "Conv '\(node.name)': weights \(kernel.dims) do not fit \(c) input channels")
                }
                try requireAll(node, "pads", 0, path)
                try requireAll(node, "dilations", 1, path)
                try requireAll(node, "group", 1, path)
                let (o, kh, kw) = (kernel.dims[0], kernel.dims[2], kernel.dims[3])
                let strides = node.ints["strides"] ?? [1, 1]
                var hwio = [Float](repeating: 0, count: kernel.values.count)
                for oi in 0..<o { for ci in 0..<c { for y in 0..<kh { for x in 0..<kw {
                    hwio[((y * kw + x) * c + ci) * o + oi] = kernel.values[((oi * c + ci) * kh + y) * kw + x]
                } } } }
                let bias = node.inputs.count > 2 ? try weight(2).values : [Float](repeating: 0, count: o)
                specs.append(.conv(filters: o, kernel: (kh, kw), strides: (strides[0], strides[1]), weights: hwio, bias: bias, activation: .linear))
                flow = .spatial(h: (h - kh) / strides[0] + 1, w: (w - kw) / strides[1] + 1, c: o)
            case "MaxPool", "AveragePool":
                guard case let .spatial(h, w, c) = flow else { throw notSpatial(node, path) }
                try requireAll(node, "pads", 0, path)
                let size = node.ints["kernel_shape"] ?? []
                let strides = node.ints["strides"] ?? [1, 1]
                guard size.count == 2, strides.count == 2 else {
                    throw .modelFileFormat(path: path, reason: "\(node.opType) '\(node.name)': needs a 2-D kernel_shape, found \(size)")
                }
                // Without padding every window is whole, so count_include_pad does not matter.
                specs.append(node.opType == "MaxPool" ? .pool(size: (size[0], size[1]), strides: (strides[0], strides[1]))
                                                      : .averagePool(size: (size[0], size[1]), strides: (strides[0], strides[1])))
                flow = .spatial(h: (h - size[0]) / strides[0] + 1, w: (w - size[1]) / strides[1] + 1, c: c)
            case "Relu", "Sigmoid", "Tanh", "Softmax":
                let activation: Activation = ["Relu": .relu, "Sigmoid": .sigmoid, "Tanh": .tanh][node.opType] ?? .softmax
                if activation == .softmax, let axis = node.ints["axis"]?.first, axis != -1, axis != 1 {
                    throw .modelFileFormat(path: path, reason: "Softmax '\(node.name)' over axis \(axis); only the last (class) axis is supported")
                }
                switch specs.last {
                case let .conv(f, k, s, wts, b, .linear)? where activation != .softmax:
                    specs[specs.count - 1] = .conv(filters: f, kernel: k, strides: s, weights: wts, bias: b, activation: activation)
                case let .dense(u, wts, b, .linear)?:
                    specs[specs.count - 1] = .dense(units: u, weights: wts, bias: b, activation: activation)
                default:
                    specs.append(.activation(activation))
                }
            case "Flatten", "Reshape":
                if node.opType == "Reshape" {
                    let target = try weight(1).values
                    guard target.count == 2 else {
                        throw .modelFileFormat(path: path, reason: "Reshape '\(node.name)' to \(target.map { Int($0) }); only a flatten to [batch, features] is imported")
                    }
                } else if let axis = node.ints["axis"]?.first, axis != 1 {
                    throw .modelFileFormat(path: path, reason: "Flatten '\(node.name)' with axis \(axis); only axis 1 is imported")
                }
                if case let .spatial(h, w, c) = flow {
                    specs.append(.flatten)
                    flow = .flat(count: h * w * c, from: (c, h, w))
                }
            case "Gemm", "MatMul":
                guard case let .flat(count, from) = flow else {
                    throw .modelFileFormat(path: path, reason: "\(node.opType) '\(node.name)' on a spatial tensor; add a Flatten before it")
                }
                let b = try weight(1)
                let transB = node.ints["transB"]?.first ?? 0
                guard (node.ints["transA"]?.first ?? 0) == 0, (node.floats["alpha"] ?? 1) == 1, (node.floats["beta"] ?? 1) == 1,
                      b.dims.count == 2 else {
                    throw .modelFileFormat(path: path, reason: "\(node.opType) '\(node.name)': only A·B(ᵀ) + C with alpha = beta = 1 and a 2-D constant B is imported")
                }
                let (inputs, units) = transB == 1 ? (b.dims[1], b.dims[0]) : (b.dims[0], b.dims[1])
                guard inputs == count else {
                    throw .modelFileFormat(path: path, reason: "\(node.opType) '\(node.name)' expects \(inputs) inputs but receives \(count)")
                }
                var kernel = [Float](repeating: 0, count: inputs * units)
                for o in 0..<inputs {
                    var row = o
                    if let (c, h, w) = from {  // ONNX row (ci·H + y)·W + x → Lepton row (y·W + x)·C + ci
                        let ci = o / (h * w), y = (o / w) % h, x = o % w
                        row = (y * w + x) * c + ci
                    }
                    for u in 0..<units { kernel[row * units + u] = transB == 1 ? b.values[u * inputs + o] : b.values[o * units + u] }
                }
                var bias = [Float](repeating: 0, count: units)
                if node.opType == "Gemm", node.inputs.count > 2 { bias = try weight(2).values }
                if node.opType == "MatMul", index < nodes.count, nodes[index].opType == "Add", nodes[index].inputs.first == current,
                   nodes[index].inputs.count > 1, let c = graph.initializers[nodes[index].inputs[1]], c.values.count == units {
                    bias = c.values
                    current = nodes[index].outputs.first ?? ""
                    index += 1
                }
                guard bias.count == units else {
                    throw .modelFileFormat(path: path, reason: "\(node.opType) '\(node.name)': bias of \(bias.count) values for \(units) units")
                }
                specs.append(.dense(units: units, weights: kernel, bias: bias, activation: .linear))
                flow = .flat(count: units, from: nil)
            case "Dropout", "Identity":
                continue
            default:
                throw .unsupportedOperator(path: path, node: node.name, opType: node.opType)
            }
        }
        let model = try Sequential(specs.map(\.layer)).build(inputShape: inputShape, seed: 1)
        for (layer, spec) in zip(model.layers, specs) {
            let values: [[Float]]
            switch spec {
            case let .conv(_, _, _, weights, bias, _): values = [weights, bias]
            case let .dense(_, weights, bias, _): values = [weights, bias]
            default: continue
            }
            for (parameter, source) in zip(layer.parameters, values) {
                guard parameter.count == source.count else {
                    throw .modelFileFormat(path: path, reason: "layer '\(layer.name)' needs \(parameter.count) values for \(parameter.name), the file gives \(source.count)")
                }
                parameter.value.pointer.update(from: source, count: source.count)
            }
        }
        return model
    }

    private static func notSpatial(_ node: ONNXGraph.Node, _ path: String) -> NNError {
        .modelFileFormat(path: path, reason: "\(node.opType) '\(node.name)' needs an image-shaped input, but the previous node flattened it")
    }

    private static func requireAll(_ node: ONNXGraph.Node, _ attribute: String, _ value: Int, _ path: String) throws(NNError) {
        if let values = node.ints[attribute], values.contains(where: { $0 != value }) {
            throw .modelFileFormat(path: path, reason: "\(node.opType) '\(node.name)': \(attribute) \(values) is not supported (only \(value))")
        }
    }
}
