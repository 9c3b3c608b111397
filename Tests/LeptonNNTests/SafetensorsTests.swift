import Foundation
import XCTest
@testable import LeptonNN
import LeptonTensor

final class SafetensorsTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("lepton-st-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testRoundTripRestoresEveryParameterAndPredictions() throws {
        let a = try ModelZoo.make("seed-cnn", inputShape: [8, 8, 1], classes: 10, seed: 1)
        let url = dir.appendingPathComponent("w.safetensors")
        try Safetensors.save(a, to: url, metadata: ["model": "seed-cnn"])
        let b = try ModelZoo.make("seed-cnn", inputShape: [8, 8, 1], classes: 10, seed: 2)
        try Safetensors.load(into: b, from: url)
        for (p, q) in zip(a.parameters, b.parameters) { XCTAssertEqual(p.value.array, q.value.array, p.name) }
        let x = Tensor(shape: [2, 8, 8, 1], values: (0..<128).map { Float($0 % 17) / 16 })
        XCTAssertEqual(a.forward(x).array, b.forward(x).array)
    }

    /// The file follows the format: u64 header length, JSON header with dtype, shape and
    /// offsets, data in little-endian F32, header padded to 8 bytes.
    func testLayoutFollowsTheSpecification() throws {
        let model = try Sequential([Dense(units: 2)]).build(inputShape: [3], seed: 1)
        model.parameters[0].value.pointer.update(from: [1, 2, 3, 4, 5, 6], count: 6)
        let url = dir.appendingPathComponent("d.safetensors")
        try Safetensors.save(model, to: url)
        let bytes = [UInt8](try Data(contentsOf: url))
        let n = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.1) << (8 * $1.0) }
        XCTAssertEqual(n % 8, 0)
        let header = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + n)])) as? [String: Any])
        let kernel = try XCTUnwrap(header["dense.kernel"] as? [String: Any])
        XCTAssertEqual(kernel["dtype"] as? String, "F32")
        XCTAssertEqual(kernel["shape"] as? [Int], [3, 2])
        XCTAssertEqual(kernel["data_offsets"] as? [Int], [0, 24])
        XCTAssertEqual(Array(bytes[(8 + n)..<(8 + n + 4)]), [0x00, 0x00, 0x80, 0x3F], "1.0 as little-endian F32")
        XCTAssertEqual(bytes.count, 8 + n + 24 + 8)
    }

    func testMissingTensorAndShapeMismatchAreNamed() throws {
        let small = try Sequential([Dense(units: 2)]).build(inputShape: [3], seed: 1)
        let url = dir.appendingPathComponent("s.safetensors")
        try Safetensors.save(small, to: url)
        let wider = try Sequential([Dense(units: 4)]).build(inputShape: [3], seed: 1)
        XCTAssertThrowsError(try Safetensors.load(into: wider, from: url)) { error in
            XCTAssertEqual(error as? NNError, .tensorMismatch(path: url.path, name: "dense.kernel", expected: "F32 [3, 4]", found: "F32 [3, 2]"))
        }
        let deeper = try Sequential([Dense(units: 2), Dense(units: 2)]).build(inputShape: [3], seed: 1)
        XCTAssertThrowsError(try Safetensors.load(into: deeper, from: url)) { error in
            XCTAssertEqual(error as? NNError, .missingTensor(path: url.path, name: "dense_1.kernel"))
        }
    }

    func testTruncatedFileIsRejected() throws {
        let model = try Sequential([Dense(units: 2)]).build(inputShape: [3], seed: 1)
        let url = dir.appendingPathComponent("t.safetensors")
        try Safetensors.save(model, to: url)
        let data = try Data(contentsOf: url)
        try data.prefix(data.count - 10).write(to: url)
        XCTAssertThrowsError(try Safetensors.load(into: model, from: url)) { error in
            XCTAssertTrue(String(describing: error).contains("the file is truncated"), "\(error)")
        }
        try Data([1, 2, 3]).write(to: url)
        XCTAssertThrowsError(try Safetensors.load(into: model, from: url)) { error in
            XCTAssertTrue(String(describing: error).contains("only 3 bytes"), "\(error)")
        }
    }

    // MARK: - The specification's rules, each on a small hand-made file

    /// A file made by hand: the length field (default: the header's byte count), the header text, the data.
    private func handMade(_ header: String, data: [UInt8], length: Int? = nil, name: String = "h.safetensors") throws -> URL {
        let headerBytes = Array(header.utf8)
        var bytes: [UInt8] = (0..<8).map { UInt8(truncatingIfNeeded: UInt64(length ?? headerBytes.count) >> (8 * UInt64($0))) }
        bytes += headerBytes + data
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    private func f32(_ values: [Float]) -> [UInt8] {
        values.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v.bitPattern >> (8 * UInt32($0))) } }
    }

    private func message(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch { return String(describing: error) }
    }

    func testExactlyCoveredDataIsReadWithMetadata() throws {
        let url = try handMade(#"{"__metadata__":{"model":"mlp","note":"x"},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#,
                               data: f32([1, 2, 3, 4]))
        let file = try Safetensors.readFile(url)
        XCTAssertEqual(file.metadata, ["model": "mlp", "note": "x"])
        XCTAssertEqual(file.tensors["a"]?.values, [1, 2])
        XCTAssertEqual(file.tensors["b"]?.values, [3, 4])
    }

    func testGapInTheDataSectionIsRefused() throws {
        let url = try handMade(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#,
                               data: f32([1, 2, 3]))
        let text = message { _ = try Safetensors.readFile(url) }
        XCTAssertTrue(text.contains("data bytes 4..<8 belong to no tensor (a gap before 'b')"), text)
        XCTAssertTrue(text.hasPrefix(url.path), text)
    }

    func testGapAtTheStartIsRefused() throws {
        let url = try handMade(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: f32([1, 2]))
        XCTAssertTrue(message { _ = try Safetensors.readFile(url) }.contains("data bytes 0..<4 belong to no tensor"))
    }

    func testOverlappingTensorsAreRefused() throws {
        let url = try handMade(#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
                               data: f32([1, 2, 3]))
        let text = message { _ = try Safetensors.readFile(url) }
        XCTAssertTrue(text.contains("tensor 'b' at [4, 12] overlaps 'a' at [0, 8]"), text)
    }

    func testExcessBytesAfterTheLastTensorAreRefused() throws {
        let url = try handMade(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: f32([1]) + [9, 9, 9])
        let text = message { _ = try Safetensors.readFile(url) }
        XCTAssertTrue(text.contains("leaves a data section of 7 bytes, but the tensors' data_offsets cover 4 bytes"), text)
        XCTAssertTrue(text.contains("3 trailing bytes belong to no tensor"), text)
    }

    func testOffsetsThatDisagreeWithShapeAndDTypeAreRefused() throws {
        let url = try handMade(#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: f32([1, 2]))
        XCTAssertTrue(message { _ = try Safetensors.readFile(url) }.contains("tensor 'a' (F32 [3]) needs 12 bytes but its data_offsets span 8"))
    }

    func testHeaderPaddedWithSpacesIsAcceptedAndOtherPaddingRefused() throws {
        let header = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        let padded = try handMade(header + "      ", data: f32([7]), name: "p.safetensors")
        XCTAssertEqual(try Safetensors.readFile(padded).tensors["a"]?.values, [7])
        let nulPadded = try handMade(header + "\0\0", data: f32([7]), name: "n.safetensors")
        XCTAssertTrue(message { _ = try Safetensors.readFile(nulPadded) }.contains("only spaces (0x20) may pad the header"))
    }

    func testMetadataMustMapStringsToStrings() throws {
        let url = try handMade(#"{"__metadata__":{"epochs":3},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: f32([1]))
        XCTAssertTrue(message { _ = try Safetensors.readFile(url) }.contains("__metadata__ key 'epochs' is not a string"))
        XCTAssertEqual(try Safetensors.readFile(try handMade(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
                                                             data: f32([1]), name: "m.safetensors")).metadata, [:])
    }

    func testF16AndBF16AreWidenedToF32() throws {
        // F16: 1.0 = 0x3C00, -2.0 = 0xC000, 0.5 = 0x3800, 65504 = 0x7BFF, smallest subnormal 2^-24 = 0x0001.
        // BF16: 1.0 = 0x3F80, -3.5 = 0xC060, 2^-126 · 1.5 = 0x00C0.
        let f16: [UInt16] = [0x3C00, 0xC000, 0x3800, 0x7BFF, 0x0001, 0x7C00]
        let bf16: [UInt16] = [0x3F80, 0xC060, 0x00C0]
        let data = (f16 + bf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let url = try handMade(#"{"h":{"dtype":"F16","shape":[2,3],"data_offsets":[0,12]},"b":{"dtype":"BF16","shape":[3],"data_offsets":[12,18]}}"#,
                               data: data)
        let file = try Safetensors.readFile(url)
        XCTAssertEqual(file.tensors["h"]?.values, [1, -2, 0.5, 65504, Float(sign: .plus, exponent: -24, significand: 1), .infinity])
        XCTAssertEqual(file.tensors["b"]?.values, [1, -3.5, Float(sign: .plus, exponent: -126, significand: 1.5)])
        XCTAssertEqual(file.tensors["h"]?.dtype, "F16")
    }

    func testF16WeightsLoadIntoAModel() throws {
        let model = try Sequential([Dense(units: 1)]).build(inputShape: [2], seed: 1)
        let data: [UInt8] = [0x00, 0x3C, 0x00, 0xC0, 0x00, 0x38]  // kernel 1, -2; bias 0.5
        let url = try handMade(#"{"dense.kernel":{"dtype":"F16","shape":[2,1],"data_offsets":[0,4]},"dense.bias":{"dtype":"F16","shape":[1],"data_offsets":[4,6]}}"#,
                               data: data)
        try Safetensors.load(into: model, from: url)
        XCTAssertEqual(model.forward(Tensor(shape: [1, 2], values: [3, 1])).array, [1 * 3 - 2 * 1 + 0.5])
    }

    func testHeaderLengthOffByOneIsRefusedNamingFileAndBothSizes() throws {
        let model = try Sequential([Dense(units: 2)]).build(inputShape: [3], seed: 1)
        var bytes = [UInt8](Safetensors.encode(model))
        let n = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.1) << (8 * $1.0) }
        for (delta, name) in [(1, "plus.safetensors"), (-1, "minus.safetensors")] {
            for i in 0..<8 { bytes[i] = UInt8(truncatingIfNeeded: UInt64(n + delta) >> (8 * UInt64(i))) }
            let url = dir.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            let text = message { _ = try Safetensors.readFile(url) }
            XCTAssertTrue(text.hasPrefix(url.path), text)
            XCTAssertTrue(text.contains("the header length field says \(n + delta) bytes, which leaves a data section of \(32 - delta) bytes, "
                                        + "but the tensors' data_offsets cover 32 bytes"), text)
            XCTAssertTrue(text.contains("a header length of \(n) would fit exactly, so the length field is off by \(delta)"), text)
        }
    }

    func testUnknownDTypeAndOtherDTypesAreHandled() throws {
        let bad = try handMade(#"{"a":{"dtype":"F12","shape":[1],"data_offsets":[0,4]}}"#, data: f32([1]), name: "u.safetensors")
        XCTAssertTrue(message { _ = try Safetensors.readFile(bad) }.contains("has dtype 'F12'"))
        let ints = try handMade(#"{"step":{"dtype":"I64","shape":[],"data_offsets":[0,8]}}"#, data: [5, 0, 0, 0, 0, 0, 0, 0], name: "i.safetensors")
        let t = try XCTUnwrap(try Safetensors.readFile(ints).tensors["step"])
        XCTAssertEqual(t.dtype, "I64")
        XCTAssertEqual(t.values, [])
    }

    /// Acceptance (issue 27): a misspelt entry key and a repeated tensor name are refused exactly, with file and place.
    func testAMisspeltEntryKeyAndARepeatedNameAreRefused() throws {
        let typo = try handMade(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"dtpye":"F32"}}"#, data: f32([1]), name: "typo.safetensors")
        XCTAssertEqual(message { _ = try Safetensors.readFile(typo) },
                       "\(typo.path): not a valid safetensors file: entry 'a' has the unknown key 'dtpye' (an entry has dtype, shape and data_offsets); did you mean 'dtype'?")
        let twice = try handMade(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
                                 data: f32([1]), name: "twice.safetensors")
        XCTAssertEqual(message { _ = try Safetensors.readFile(twice) },
                       "\(twice.path): not a valid safetensors file: the JSON header is not valid: at header line 1, column 2: "
                       + "expected each key once per object but found the key 'a' twice; remove the repeated key; a reader would otherwise keep only one of them")
    }

    /// Acceptance (issue 27): trailing garbage after the last tensor, exactly.
    func testTrailingGarbageIsRefusedExactly() throws {
        let url = try handMade(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: f32([1]) + [0x47, 0x41], name: "tail.safetensors")
        XCTAssertEqual(message { _ = try Safetensors.readFile(url) },
                       "\(url.path): not a valid safetensors file: the header length field says 54 bytes, which leaves a data section of 6 bytes, "
                       + "but the tensors' data_offsets cover 4 bytes; 2 trailing bytes belong to no tensor — remove them or rewrite the file")
    }

    /// Found by lepton-fuzz: a shape whose element count overflows Int is refused, not a crash.
    func testAShapeBeyondAnyFileIsRefused() throws {
        let url = try handMade(#"{"a":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,4]}}"#, data: f32([1]), name: "huge.safetensors")
        XCTAssertEqual(message { _ = try Safetensors.readFile(url) },
                       "\(url.path): not a valid safetensors file: entry 'a' has shape [4294967296, 4294967296, 4294967296], more elements than any file can hold")
    }
}
