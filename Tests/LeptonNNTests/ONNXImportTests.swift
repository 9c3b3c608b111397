import Foundation
import XCTest
@testable import LeptonNN
import LeptonTensor

/// The ONNX importer on small hand-encoded graphs, against the same network computed
/// directly in ONNX's NCHW layout.
final class ONNXImportTests: XCTestCase {
    // MARK: - A tiny protobuf writer for the fixtures

    private func varint(_ value: UInt64) -> [UInt8] {
        var v = value, out: [UInt8] = []
        repeat { out.append(UInt8(v & 0x7F) | (v >= 0x80 ? 0x80 : 0)); v >>= 7 } while v > 0
        return out
    }
    private func bytes(_ number: Int, _ payload: [UInt8]) -> [UInt8] { varint(UInt64(number << 3 | 2)) + varint(UInt64(payload.count)) + payload }
    private func text(_ number: Int, _ s: String) -> [UInt8] { bytes(number, Array(s.utf8)) }
    private func integer(_ number: Int, _ value: Int) -> [UInt8] { varint(UInt64(number << 3)) + varint(UInt64(bitPattern: Int64(value))) }

    private func tensor(_ name: String, dims: [Int], values: [Float]) -> [UInt8] {
        dims.flatMap { integer(1, $0) } + integer(2, 1) + text(8, name)
            + bytes(9, values.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * UInt32($0))) } })
    }
    private func node(_ op: String, _ inputs: [String], _ output: String, ints: [String: [Int]] = [:]) -> [UInt8] {
        inputs.flatMap { text(1, $0) } + text(2, output) + text(3, op.lowercased() + "_node") + text(4, op)
            + ints.sorted { $0.key < $1.key }.flatMap { bytes(5, text(1, $0.key) + bytes(8, $0.value.flatMap { varint(UInt64($0)) })) }
    }
    private func model(input shape: [Int], nodes: [[UInt8]], initializers: [[UInt8]]) -> [UInt8] {
        let dims = shape.flatMap { bytes(1, integer(1, $0)) }
        let input = bytes(11, text(1, "x") + bytes(2, bytes(1, bytes(2, dims))))
        return bytes(7, nodes.flatMap { bytes(1, $0) } + initializers.flatMap { bytes(5, $0) } + input)
    }

    private func values(_ count: Int, _ seed: Int) -> [Float] { (0..<count).map { Float((($0 * 37 + seed * 11) % 23) - 11) / 10 } }

    /// Conv (2 → 3 channels) → Relu → Flatten → Gemm(transB) → Softmax: the imported model's
    /// output on the NHWC input equals the NCHW computation, so kernels and the flatten order
    /// are converted right.
    func testConvFlattenGemmMatchesTheNCHWComputation() throws {
        let (c, h, w, o, k, units) = (2, 5, 4, 3, 3, 4)
        let kernel = values(o * c * k * k, 1), bias = values(o, 2)
        let (oh, ow) = (h - k + 1, w - k + 1)
        let dense = values(units * o * oh * ow, 3), denseBias = values(units, 4)
        let bytes = model(input: [1, c, h, w],
                          nodes: [node("Conv", ["x", "W", "B"], "c", ints: ["kernel_shape": [k, k], "pads": [0, 0, 0, 0], "strides": [1, 1]]),
                                  node("Relu", ["c"], "r"), node("Flatten", ["r"], "f"),
                                  node("Gemm", ["f", "D", "E"], "g", ints: ["transB": [1]]), node("Softmax", ["g"], "y")],
                          initializers: [tensor("W", dims: [o, c, k, k], values: kernel), tensor("B", dims: [o], values: bias),
                                         tensor("D", dims: [units, o * oh * ow], values: dense), tensor("E", dims: [units], values: denseBias)])
        let imported = try ONNXImport.convert(ONNXGraph(bytes: bytes, path: "t.onnx"), path: "t.onnx")
        XCTAssertEqual(imported.inputShape, [h, w, c])
        XCTAssertEqual(imported.layers.count, 3, "Relu fused into the Conv, Softmax into the Dense")

        let x = values(c * h * w, 5)  // NCHW
        var features = [Float](repeating: 0, count: o * oh * ow)  // NCHW flatten order
        for oi in 0..<o { for y in 0..<oh { for xx in 0..<ow {
            var s = bias[oi]
            for ci in 0..<c { for dy in 0..<k { for dx in 0..<k {
                s += kernel[((oi * c + ci) * k + dy) * k + dx] * x[(ci * h + y + dy) * w + xx + dx]
            } } }
            features[(oi * oh + y) * ow + xx] = max(0, s)
        } } }
        var logits = (0..<units).map { u in denseBias[u] + (0..<features.count).reduce(Float(0)) { $0 + dense[u * features.count + $1] * features[$1] } }
        let top = logits.max() ?? 0
        logits = logits.map { exp($0 - top) }
        let expected = logits.map { $0 / logits.reduce(0, +) }

        var nhwc = [Float](repeating: 0, count: x.count)
        for ci in 0..<c { for y in 0..<h { for xx in 0..<w { nhwc[(y * w + xx) * c + ci] = x[(ci * h + y) * w + xx] } } }
        let out = imported.forward(Tensor(shape: [1, h, w, c], values: nhwc)).array
        for (a, b) in zip(out, expected) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    }

    func testMatMulAddBecomesOneDenseAndUnsupportedAttributesAreNamed() throws {
        let good = model(input: [1, 3], nodes: [node("MatMul", ["x", "M"], "m"), node("Add", ["m", "A"], "y")],
                         initializers: [tensor("M", dims: [3, 2], values: [1, 2, 3, 4, 5, 6]), tensor("A", dims: [2], values: [0.5, -1])])
        let dense = try ONNXImport.convert(ONNXGraph(bytes: good, path: "m.onnx"), path: "m.onnx")
        XCTAssertEqual(dense.layers.count, 1)
        let expected: [Float] = [14.5, 17]  // [1, 1, 2]·[[1, 2], [3, 4], [5, 6]] + [0.5, −1]
        XCTAssertEqual(dense.forward(Tensor(shape: [1, 3], values: [1, 1, 2])).array, expected)

        let padded = model(input: [1, 1, 4, 4], nodes: [node("Conv", ["x", "W"], "y", ints: ["pads": [1, 1, 1, 1]])],
                           initializers: [tensor("W", dims: [1, 1, 3, 3], values: values(9, 1))])
        XCTAssertThrowsError(try ONNXImport.convert(ONNXGraph(bytes: padded, path: "p.onnx"), path: "p.onnx")) { error in
            XCTAssertEqual(error as? NNError, .modelFileFormat(path: "p.onnx", reason: "Conv 'conv_node': pads [1, 1, 1, 1] is not supported (only 0)"))
        }
        let lstm = model(input: [1, 3], nodes: [node("LSTM", ["x"], "y")], initializers: [])
        XCTAssertThrowsError(try ONNXImport.convert(ONNXGraph(bytes: lstm, path: "l.onnx"), path: "l.onnx")) { error in
            XCTAssertEqual(error as? NNError, .unsupportedOperator(path: "l.onnx", node: "lstm_node", opType: "LSTM"))
        }
    }

    private func refusal(_ bytes: [UInt8], _ path: String) -> String {
        do {
            _ = try ONNXImport.load(data: Data(bytes), path: path)
            return "accepted"
        } catch {
            return error.description
        }
    }

    /// AveragePool (as PyTorch exports nn.AvgPool2d) imports as AvgPool2D: the NHWC output
    /// holds the mean of every 2×2 window of each NCHW channel.
    func testAveragePoolImportsAsAvgPool2D() throws {
        let (c, h, w) = (2, 4, 4)
        let bytes = model(input: [1, c, h, w],
                          nodes: [node("AveragePool", ["x"], "y", ints: ["kernel_shape": [2, 2], "strides": [2, 2]])],
                          initializers: [])
        let imported = try ONNXImport.convert(ONNXGraph(bytes: bytes, path: "a.onnx"), path: "a.onnx")
        XCTAssertEqual(imported.layers.map(\.kind), ["average_pooling2d"])
        let x = values(c * h * w, 6)  // NCHW
        var nhwc = [Float](repeating: 0, count: x.count)
        for ci in 0..<c { for y in 0..<h { for xx in 0..<w { nhwc[(y * w + xx) * c + ci] = x[(ci * h + y) * w + xx] } } }
        let out = imported.forward(Tensor(shape: [1, h, w, c], values: nhwc)).array
        for ci in 0..<c { for oy in 0..<2 { for ox in 0..<2 {
            let at = { (dy: Int, dx: Int) in x[(ci * h + 2 * oy + dy) * w + 2 * ox + dx] }
            let mean = (at(0, 0) + at(0, 1) + at(1, 0) + at(1, 1)) / 4
            XCTAssertEqual(out[(oy * 2 + ox) * c + ci], mean, accuracy: 1e-6, "channel \(ci) window (\(oy), \(ox))")
        } } }
    }

    /// Acceptance (issue 27): an unsupported operator is named with its node, exactly.
    func testAnUnsupportedOperatorIsNamedWithItsNode() {
        let lstm = model(input: [1, 3], nodes: [node("LSTM", ["x"], "y")], initializers: [])
        XCTAssertEqual(refusal(lstm, "l.onnx"), "l.onnx: node 'lstm_node' uses operator LSTM, which Lepton cannot import; supported: Conv, MaxPool, AveragePool, "
                       + "Relu, Sigmoid, Tanh, Softmax, Flatten, Reshape (to 2-D), Gemm, MatMul + Add, Dropout, Identity")
    }

    /// Acceptance (issue 27): no byte left unaccounted for — trailing garbage, a length off by one, a stray field.
    func testTrailingBytesAndALengthOffByOneAreRefused() throws {
        let good = model(input: [1, 3], nodes: [node("MatMul", ["x", "M"], "m")], initializers: [tensor("M", dims: [3, 2], values: [1, 2, 3, 4, 5, 6])])
        XCTAssertNoThrow(try ONNXImport.load(data: Data(good), path: "m.onnx"))
        XCTAssertEqual(refusal(good + [0xFF], "m.onnx"), "m.onnx: cannot import the model: protobuf error at byte \(good.count + 1): "
                       + "a varint runs past the end")
        XCTAssertEqual(refusal(good + integer(99, 1), "m.onnx"), "m.onnx: cannot import the model: field 99 at the top level is not a ModelProto field "
                       + "(onnx.proto defines 1, 2, 3, 4, 5, 6, 7, 8, 14, 20, 25, 26); the file has trailing bytes or is damaged")
        // The graph's length field (byte 1, a one-byte varint here) one too large: it runs past the end.
        var longer = good
        XCTAssertLessThan(longer[1], 0x7F)
        longer[1] += 1
        XCTAssertEqual(refusal(longer, "m.onnx"), "m.onnx: cannot import the model: protobuf error at byte 2: a field of \(Int(good[1]) + 1) bytes runs past the end")
        XCTAssertEqual(refusal(Array(good.dropLast()), "m.onnx"), "m.onnx: cannot import the model: protobuf error at byte 2: a field of \(Int(good[1])) bytes runs past the end")
    }
}
