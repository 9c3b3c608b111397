import LeptonCore
import LeptonTensor

/// Named random streams of a federated run (one place, so every draw is traceable).
enum SeededGeneratorFactory {
    /// The generator for `stream` of `seed`.
    static func make(_ seed: UInt64, _ stream: String) -> SeededGenerator { SeededGenerator(seed: seed, stream: stream) }
}
