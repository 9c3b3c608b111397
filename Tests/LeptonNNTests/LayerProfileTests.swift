import XCTest
@testable import LeptonNN
import LeptonTensor

/// `lepton profile`'s numbers: every step of a model (fused conv + pool steps as one), its
/// FLOPs forward and backward, and its rate against the machine's measured peak.
final class LayerProfileTests: XCTestCase {
    func testEveryStepIsTimedWithItsFLOPsAndShareOfPeak() throws {
        let model = try ModelZoo.make("tf-tutorial", inputShape: [12, 12, 1], classes: 10, seed: 1)
        let profile = LayerProfile.measure(model, batch: 4, repeats: 2, peakSize: 256)
        // Training fuses each 2×2 max-pool into the convolution before it (any channel count).
        XCTAssertEqual(profile.steps.map(\.layer),
                       ["conv2d+max_pooling2d", "conv2d_1+max_pooling2d_1", "flatten", "dense", "dropout", "dense_1"])
        let conv1 = profile.steps[0], conv2 = profile.steps[1], dense = profile.steps[3]
        // conv 5×5 'same' 1 → 32 on 12×12, batch 4: 2 · 144 · 25 · 32 · 4, plus the pool's compares.
        XCTAssertEqual(conv1.forwardFLOPs, 2 * 144 * 25 * 32 * 4 + 6 * 6 * 32 * 4 * 4)
        XCTAssertEqual(conv1.backwardFLOPs, conv1.forwardFLOPs, "the first layer computes no input gradient")
        XCTAssertEqual(conv2.backwardFLOPs, 2 * conv2.forwardFLOPs)
        XCTAssertEqual(dense.forwardFLOPs, 2 * 3 * 3 * 64 * 1024 * 4)
        XCTAssertEqual(profile.steps[2].backwardFLOPs, 0, "Flatten does no arithmetic")
        // A pool that is not fused (LeNet-5's average pools) is a step of its own.
        let lenet = LayerProfile.measure(try ModelZoo.make("lenet5", inputShape: [28, 28, 1], classes: 10, seed: 1),
                                         batch: 4, repeats: 2, peakSize: 256)
        XCTAssertEqual(lenet.steps[1].layer, "average_pooling2d")
        XCTAssertEqual(lenet.steps[1].backwardFLOPs, lenet.steps[1].forwardFLOPs, "a pool: the input gradient only")
        XCTAssertGreaterThan(profile.peakGFLOPS, 0)
        for s in profile.steps where s.forwardFLOPs > 0 {
            XCTAssertGreaterThan(s.seconds, 0, s.layer)
            XCTAssertEqual(profile.shareOfPeak(s), s.gflops / profile.peakGFLOPS, accuracy: 1e-12)
        }
        XCTAssertTrue(profile.text.contains("of peak"), profile.text)
        XCTAssertTrue(profile.text.contains("dense_1"), profile.text)
        let inference = LayerProfile.measure(model, batch: 4, repeats: 2, inference: true, peakSize: 256)
        XCTAssertEqual(inference.steps.map(\.layer),
                       ["conv2d+max_pooling2d", "conv2d_1+max_pooling2d_1", "flatten", "dense", "dropout", "dense_1"])
        XCTAssertTrue(inference.steps.allSatisfy { $0.backwardSeconds == 0 && $0.backwardFLOPs == 0 })
    }
}
