import LeptonCore
import LeptonTensor

/// Inverted dropout: in training each value is zeroed with probability `rate` and the
/// survivors scaled by 1/(1 − rate); at inference it is the identity. The mask comes
/// from the layer's own seeded generator, so runs repeat exactly.
public final class Dropout: StochasticLayer {
    public let kind = "dropout"
    public var name = "dropout"
    public let rate: Float
    public var summary: String { "Dropout \(rate)" }
    public var configuration: [String: String] { ["rate": "\(rate)"] }

    private var rng = SeededGenerator(seed: 0)
    private var mask: Tensor?
    private var output: Tensor?
    private var wasTraining = false

    /// Dropout with the given drop probability in [0, 1).
    public init(rate: Float) { self.rate = rate }

    public func copy() -> Layer { Dropout(rate: rate) }

    public func build(inputShape: [Int], index: Int, rng: inout SeededGenerator) throws(NNError) -> [Int] {
        guard rate >= 0, rate < 1 else {
            throw .invalidValue(name: "\(name).rate", value: "\(rate)", allowed: "a probability in [0, 1)")
        }
        self.rng = SeededGenerator(seed: rng.next())
        return inputShape
    }

    /// Reseeds the mask generator (the trainer does this from the run's seed).
    public func reseed(_ seed: UInt64) { rng = SeededGenerator(seed: seed) }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        wasTraining = training && rate > 0
        guard wasTraining else { return input }
        let m = Tensor.reuse(mask, shape: input.shape)
        mask = m
        let out = Tensor.reuse(output, shape: input.shape)
        output = out
        let keep = 1 / (1 - rate)
        for i in 0..<input.count {
            let k: Float = rng.nextUnitFloat() >= rate ? keep : 0
            m.pointer[i] = k
            out.pointer[i] = input.pointer[i] * k
        }
        return out
    }

    public func backward(_ outputGradient: Tensor, inputGradient: Bool) -> Tensor? {
        guard inputGradient else { return nil }
        guard wasTraining, let m = mask else { return outputGradient }
        for i in 0..<outputGradient.count { outputGradient.pointer[i] *= m.pointer[i] }
        return outputGradient
    }
}
