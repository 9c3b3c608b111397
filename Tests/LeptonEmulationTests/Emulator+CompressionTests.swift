import LeptonCore
import XCTest
@testable import LeptonEmulation
import LeptonNN
import LeptonTensor

final class EmulatorCompressionTests: XCTestCase {
    /// Acceptance 5: the int8 edge model is ≤ 0.3× the Float32 size and its accuracy change
    /// is reported (target ≤ 1 point), with edge latency before and after.
    func testInt8EdgeModelIsSmallAndAsAccurate() throws {
        let model = try trainedBarModel()
        let test = barImages(count: 600, seed: 31)
        let topology = try edgeCloud()
        let emulator = Emulator(topology: topology, clock: .modelled())
        for scheme in QuantizationScheme.allCases {
            let (report, int8) = try emulator.compareCompression(model, scheme: scheme, test: test, edge: "edge", requests: 20)
            XCTAssertLessThanOrEqual(report.sizeRatio, 0.3, "\(scheme): \(report.quantization.int8Bytes) / \(report.quantization.floatBytes)")
            let change = try XCTUnwrap(report.accuracyChangePoints)
            XCTAssertLessThanOrEqual(abs(change), 1.0, "\(scheme): accuracy change \(change) points")
            XCTAssertGreaterThan(report.quantization.floatEvaluation.accuracy ?? 0, 0.9)
            XCTAssertEqual(report.shippedBytes.bytes, QuantizedWeights.encode(int8).count)
            XCTAssertTrue(int8.isQuantized)
            let floatP50 = try XCTUnwrap(report.floatLatency?.p50)
            XCTAssertLessThan(report.int8Latency.p50, floatP50, "int8 layers run int8Speedup× faster on the modelled clock")
            print("""
                compression \(scheme.rawValue): \(report.quantization.floatBytes) B → \(report.quantization.int8Bytes) B \
                (ratio \(report.sizeRatio)), accuracy \(report.quantization.floatEvaluation.accuracy ?? 0) → \
                \(report.quantization.int8Evaluation.accuracy ?? 0) (\(change) points), edge p50 \(floatP50) → \(report.int8Latency.p50)
                """)
        }
    }

    func testFloatModelThatDoesNotFitTheEdgeIsReportedNotRun() throws {
        let model = try trainedBarModel()
        // 12 kB: the 18 kB Float32 model is refused, the ~5 kB int8 model fits.
        let topology = try edgeCloud(edgeMemory: .kilobytes(12))
        let (report, _) = try Emulator(topology: topology).compareCompression(model, test: barImages(count: 60, seed: 32),
                                                                               edge: "edge", requests: 5)
        XCTAssertNil(report.floatLatency)
        XCTAssertTrue(report.floatRefusal?.contains("12.00 kB") ?? false, report.floatRefusal ?? "")
        XCTAssertEqual(report.int8Latency.count, 5)
    }
}
