import LeptonCore
import XCTest
@testable import LeptonEmulation
import LeptonNN

final class TierPlacementTests: XCTestCase {
    /// Acceptance 4: a model that does not fit is refused with both sizes in the message.
    func testModelThatDoesNotFitIsRefusedWithBothSizes() throws {
        let model = try barArchitecture()
        let footprint = ModelFootprint(model: model, layers: 0..<model.layers.count)
        XCTAssertEqual(footprint.weights.bytes, 4 * model.parameterCount)
        let tier = Tier.edge("tiny-mcu", memory: .kilobytes(8))
        XCTAssertThrowsError(try tier.place(model, label: "bar-cnn")) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("tier 'tiny-mcu'"), message)
            XCTAssertTrue(message.contains(footprint.total.description), "needed size in: \(message)")
            XCTAssertTrue(message.contains(ByteCount.kilobytes(8).description), "available size in: \(message)")
            XCTAssertEqual(error as? EmulationError,
                           .doesNotFit(model: "bar-cnn", tier: "tiny-mcu", needed: footprint.total, weights: footprint.weights,
                                       activations: footprint.activations, available: .kilobytes(8)))
        }
        XCTAssertNoThrow(try Tier.edge("pi").place(model))
        // A prefix of the model fits where the whole does not.
        XCTAssertNoThrow(try tier.place(model, layers: 0..<2))
    }

    func testInt8ModelNeedsATierThatRunsInt8() throws {
        let q = try Quantization.quantize(try trainedBarModel())
        XCTAssertThrowsError(try Tier.edge("old", precisions: [.float32]).place(q)) {
            XCTAssertTrue("\($0)".contains("cannot run int8"), "\($0)")
        }
        let floatBytes = 4 * (try trainedBarModel()).parameterCount
        XCTAssertLessThan(ModelFootprint(model: q, layers: 0..<q.layers.count).weights.bytes, floatBytes / 3)
    }

    func testRunRefusesAPlacementThatDoesNotFitBeforeRunningAnything() throws {
        let topology = try edgeCloud(edgeMemory: .kilobytes(8))
        let emulator = Emulator(topology: topology, clock: .modelled())
        let scenario = SplitInference(model: try trainedBarModel(), policy: .edgeOnly)
        XCTAssertThrowsError(try emulator.run(scenario, workload: .evenlySpaced(count: 3, gap: .seconds(1)), samples: barImages(count: 3, seed: 5))) {
            XCTAssertTrue("\($0)".contains("tier 'edge'") && "\($0)".contains("8.00 kB"), "\($0)")
        }
        // Cutting early keeps the edge part small enough.
        let cut = SplitInference(model: try trainedBarModel(), policy: .fixed(1))
        XCTAssertNoThrow(try emulator.run(cut, workload: .evenlySpaced(count: 3, gap: .seconds(1)), samples: barImages(count: 3, seed: 5)))
    }
}
