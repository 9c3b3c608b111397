import LeptonCore
import XCTest
@testable import LeptonNN
import LeptonTensor

final class SamplesTests: XCTestCase {
    private func byteImages(count: Int, seed: UInt64) -> (bytes: [UInt8], labels: [Int32]) {
        var rng = SeededGenerator(seed: seed)
        let bytes = (0..<(count * 36)).map { _ in UInt8(rng.index(below: 256)) }
        let labels = (0..<count).map { _ in Int32(rng.index(below: 3)) }
        return (bytes, labels)
    }

    /// Bytes converted per batch give exactly the floats a full conversion gives.
    func testBytesConvertToTheSameValuesAsFloats() {
        let (bytes, labels) = byteImages(count: 20, seed: 1)
        let asBytes = Samples(bytes: bytes, scale: 255, sampleShape: [6, 6, 1], labels: labels, classes: 3, source: "b")
        let asFloats = Samples(features: bytes.map { Float($0) / 255 }, sampleShape: [6, 6, 1], labels: labels, classes: 3, source: "f")
        XCTAssertTrue(asBytes.isStoredAsBytes)
        XCTAssertEqual(asBytes.count, 20)
        XCTAssertEqual(asBytes.features, asFloats.features)
        let picked = [7, 0, 19, 7]
        var a = [Float](repeating: -1, count: picked.count * 36), b = a
        asBytes.copyFeatures(picked, into: &a)
        asFloats.copyFeatures(picked, into: &b)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a[36..<72].map { $0 }, asFloats.features[0..<36].map { $0 })
        let tail = asBytes.splitTail(fraction: 0.25)
        XCTAssertTrue(tail.head.isStoredAsBytes && tail.tail.isStoredAsBytes)
        XCTAssertEqual(tail.tail.features, Array(asFloats.features[(15 * 36)...]))
        XCTAssertEqual(tail.tail.labels, Array(labels[15...]))
        XCTAssertNoThrow(try asBytes.validate())
    }

    /// Training on bytes and on the same values as floats gives bit-identical weights.
    func testTrainingOnBytesEqualsTrainingOnFloats() throws {
        let (bytes, labels) = byteImages(count: 96, seed: 2)
        var weights: [[UInt32]] = []
        for data in [Samples(bytes: bytes, scale: 255, sampleShape: [6, 6, 1], labels: labels, classes: 3, source: "b"),
                     Samples(features: bytes.map { Float($0) / 255 }, sampleShape: [6, 6, 1], labels: labels, classes: 3, source: "f")] {
            let model = try Sequential([Conv2D(filters: 16, activation: .relu), MaxPool2D(), Flatten(), Dense(units: 3, activation: .softmax)])
                .build(inputShape: [6, 6, 1], seed: 4)
            let trainer = Trainer(model: model, loss: .categoricalCrossEntropy, optimizer: Adam())
            _ = try trainer.fit(data, configuration: TrainingConfiguration(epochs: 2, batchSize: 16, seed: 4))
            weights.append(model.parameters.flatMap { $0.value.array.map(\.bitPattern) })
        }
        XCTAssertEqual(weights[0], weights[1])
    }
}
