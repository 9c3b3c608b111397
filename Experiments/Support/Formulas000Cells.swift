import LeptonCore
import Foundation
import LeptonEmulation
import LeptonLab
import LeptonNN
import LeptonTensor


/// The formulas-000 cells' bodies.
enum Formulas000Cells {
    /// 200 points y = 2x + 1 + 0.1·noise; 100 steps of the printed and the textbook update.
    static func updateRule(_ ctx: CellContext, _ p: Formulas000Printed, learningRate: Double) throws {
        var rng = ctx.rng("regression")
        let x = (0..<200).map { _ in Double.random(in: -1...1, using: &rng) }
        let noise = SourceChecks.normals(200, rng: &rng)
        let y = zip(x, noise).map { 2 * $0 + 1 + 0.1 * $1 }
        let printed = SourceChecks.linearRegressionMSE(x: x, y: y, sign: p.updateSign, learningRate: learningRate, steps: 100)
        let textbook = SourceChecks.linearRegressionMSE(x: x, y: y, sign: 1, learningRate: learningRate, steps: 100)
        ctx.record(Formulas000Metric.printedMSERatio, printed.final / printed.initial)
        ctx.record(Formulas000Metric.textbookMSERatio, textbook.final / textbook.initial)
        ctx.table("100 steps from (w, b) = (0, 0), η = \(learningRate)", columns: ["Update", "MSE before", "MSE after", "after ÷ before"], rows: [
            ["printed: M ← M \(p.updateSign > 0 ? "+" : "−") η(1/N)Σ(y−M)∇M", fmt(printed.initial), fmt(printed.final), fmt(printed.final / printed.initial)],
            ["textbook: M ← M − η∇MSE = M + η(2/N)Σ(y−M)∇M", fmt(textbook.initial), fmt(textbook.final), fmt(textbook.final / textbook.initial)],
        ])
    }

    /// Two Gaussian classes (x ~ N(±1, 1)); the least-squares linear model and a sigmoid of it.
    static func decisionModel(_ ctx: CellContext, _ p: Formulas000Printed) {
        var rng = ctx.rng("classes")
        let z = SourceChecks.normals(400, rng: &rng)
        let y = (0..<400).map { Double($0 % 2) }
        let x = zip(z, y).map { $0 + ($1 == 1 ? 1 : -1) }
        let (w0, w1) = SourceChecks.leastSquares(x: x, y: y)
        let linear = x.map { w0 + w1 * $0 }
        let sigmoid = linear.map { 1 / (1 + PortableMath.exp(-$0)) }
        let printed = p.decisionOutputIsLinear ? linear : sigmoid
        ctx.record(Formulas000Metric.undefinedLinear, SourceChecks.undefinedBCEFraction(printed))
        ctx.record(Formulas000Metric.undefinedSigmoid, SourceChecks.undefinedBCEFraction(sigmoid))
        ctx.note("Least-squares M(x) = \(fmt(w0)) + \(fmt(w1))·x on 400 points: outputs in [\(fmt(linear.min() ?? .nan)), "
                 + "\(fmt(linear.max() ?? .nan))]; log M or log(1 − M) is undefined wherever M ∉ (0, 1).")
    }

    /// The affine map on real pixels, and the §5.2 CNN's shapes and bytes.
    static func affineAndCNN(_ ctx: CellContext, _ p: Formulas000Printed, images: Int) throws {
        let data = try ctx.dataset("digits")
        let n = min(64, data.train.count)
        let input = Tensor(zeros: [n] + data.train.imageShape)
        for i in 0..<input.count { input.buffer[i] = data.train.images[i] * 255 }
        let out = Preprocessor([.affine(a: p.affine.a, b: p.affine.b)]).apply(input)
        var worst: Float = 0
        for i in 0..<input.count { worst = max(worst, abs(out.buffer[i] - (p.affine.a * input.buffer[i] + p.affine.b))) }
        ctx.record(Formulas000Metric.affineError, Double(worst))
        var layers: [Layer] = p.convFilters.flatMap { [Conv2D(filters: $0, activation: .relu), MaxPool2D()] as [Layer] }
        layers.append(Flatten())
        layers += p.denseUnits.map { Dense(units: $0, activation: .relu) as Layer }
        let model = try Sequential(layers).build(inputShape: p.inputShape, seed: 1)
        let weights = Double(model.parameterCount * 4)
        let dataBytes = Double(images * p.inputShape.reduce(1, *))
        ctx.record(Formulas000Metric.cnnOutputs, Double(model.outputShape.reduce(1, *)))
        ctx.record(Formulas000Metric.cnnParameters, Double(model.parameterCount))
        ctx.record(Formulas000Metric.modelOverData, 3 * weights / dataBytes)
        let imageBytes = Double(p.inputShape.reduce(1, *))
        ctx.record(Formulas000Metric.modelOverData100, 3 * weights / (100 * imageBytes))
        ctx.record(Formulas000Metric.modelOverData10000, 3 * weights / (10_000 * imageBytes))
        ctx.table("000 §5.2's CNN", columns: ["Quantity", "Formula", "Value"], rows: [
            ["parameters", "Σ layer parameters", "\(model.parameterCount) (\(fmt(Double(model.parameterCount) / p.lightReferenceParameters))× SqueezeNet)"],
            ["FLOPs per image", "Σ layer FLOPs", "\(model.forwardFLOPs)"],
            ["float32 weights", "4 B × parameters", "\(Int(weights)) B"],
            ["with Adam state", "3 × weights (m, v)", "\(Int(3 * weights)) B"],
            ["raw data set", "\(images) × \(p.inputShape.reduce(1, *)) B", "\(Int(dataBytes)) B"],
            ["break-even data set", "3 × weights ÷ image bytes", "\(Int((3 * weights / Double(p.inputShape.reduce(1, *))).rounded(.up))) images"],
        ])
    }

    static func fmt(_ v: Double) -> String { String(format: "%.4g", v) }
}
