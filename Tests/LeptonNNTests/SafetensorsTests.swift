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
            XCTAssertTrue(String(describing: error).contains("outside the data section"), "\(error)")
        }
        try Data([1, 2, 3]).write(to: url)
        XCTAssertThrowsError(try Safetensors.load(into: model, from: url)) { error in
            XCTAssertTrue(String(describing: error).contains("only 3 bytes"), "\(error)")
        }
    }
}
