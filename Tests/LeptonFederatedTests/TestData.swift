import LeptonCore
import LeptonEmulation
import LeptonNN
import LeptonTensor
@testable import LeptonFederated

/// Small synthetic classification data for exercising the federated machinery: `classes`
/// Gaussian blobs in `features` dimensions (seeded). Experiments use real data sets.
enum TestData {
    static func blobs(count: Int, features: Int = 6, classes: Int = 4, seed: UInt64 = 7) -> Samples {
        var rng = SeededGenerator(seed: seed, stream: "blobs")
        var x: [Float] = [], y: [Int32] = []
        for i in 0..<count {
            let c = i % classes
            for f in 0..<features { x.append(Float(f % classes == c ? 2.0 : 0.0) + Float(rng.normal())) }
            y.append(Int32(c))
        }
        return Samples(features: x, sampleShape: [features], labels: y, classes: classes, source: "blobs")
    }

    static func mlp(features: Int = 6, classes: Int = 4, seed: UInt64) throws -> Sequential {
        try Sequential([Dense(units: 16, activation: .relu), Dense(units: classes, activation: .softmax)])
            .build(inputShape: [features], seed: seed)
    }

    static func weights(_ m: Sequential) -> [[Float]] { m.parameters.map { $0.value.array } }

    static func client(_ name: String, indices: [Int], rate: FLOPRate = .gigaFLOPS(1), up: Bandwidth = .megabitsPerSecond(10),
                       down: Bandwidth = .megabitsPerSecond(100), latency: SimDuration = .milliseconds(10)) -> FederatedClient {
        FederatedClient(tier: .edge(name, speed: .flopRate(rate)),
                        link: .asymmetric(name, "cloud", up: up, down: down, upLatency: latency, downLatency: latency),
                        indices: indices)
    }
}
