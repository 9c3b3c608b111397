import Foundation
import LeptonEmulation
import LeptonLab
import LeptonTensor

/// What 001 §4–5 and 002 §4–5 printed (read from the originals, `../shared/seeds/`).
struct Formulas001002Printed: Sendable {
    /// 001 §5.2: the preprocessing chain, in order (5×5 Gaussian blur, Laplacian, /255; the
    /// printed resize to 224×224 comes before /255 and does not widen the range).
    var chain001: [PreprocessingStep] = [.gaussianBlur5x5(sigma: 1.1), .laplacian, .affine(a: 1 / 255, b: 0)]
    /// 001 §4.1: the step θ ← θ − α·∂J/∂θ (sign in front of α).
    var stepSign001 = -1.0
    /// 002 §4.2: the loss's factor and whether it is a sum (½·Σ) or a mean.
    var lossFactor002 = 0.5
    /// 002 §5.3: the input scaling, x / 255 on 0–255 pixels.
    var scale002 = 255.0

    /// The values 001 and 002 print.
    static let published = Formulas001002Printed()
}

/// The metrics of formulas-001-002.
enum Formulas001002Metric {
    /// Smallest and largest value after 001's chain on real images.
    static let chainMin = Metric("chain-001.min", exact: true)
    static let chainMax = Metric("chain-001.max", exact: true)
    /// MSE after ÷ before one printed gradient step (001 §4.1).
    static let stepRatio = Metric("step-001.mse-ratio", polarity: .lowerIsBetter, exact: true)
    /// Variance of the MAP (Wiener) estimate ÷ variance of the clean signal, Gaussian signal plus noise.
    static let mapVarianceRatio = Metric("map.variance.ratio", exact: true)
    /// Largest |finite-difference gradient − (ŷ − y)| of 002's printed loss.
    static let gradientError = Metric("loss-002.gradient.max-error", exact: true)
    /// Fraction of 0–255 pixels outside [0, 1] after 002's scaling.
    static let outsideUnit = Metric("scale-002.outside-unit", exact: true)
}

/// 001's and 002's printed formulas and preprocessing, run.
let formulas001002 = makeFormulas001002(.published)

/// The formulas-001-002 experiment on `printed`.
func makeFormulas001002(_ printed: Formulas001002Printed) -> Experiment {
    Experiment(
        "formulas-001-002",
        title: "001 and 002: the printed preprocessing, losses and derivations, run",
        summary: """
            001 prints a preprocessing chain said to give images in [0, 1], an MSE loss with its gradient step, and \
            Bayesian derivations said to preserve the input distribution; 002 prints a half-sum-of-squares loss and \
            a /255 input scaling. This notebook runs each on real or sampled data.
            """
    ) {
        Profile("quick", help: "64 real images, 100,000 Gaussian samples; under a second")
        Cell("chain-001") { ctx in
            try Formulas001002Cells.chain(ctx, printed)
        }
        Cell("losses") { ctx in
            Formulas001002Cells.losses(ctx, printed)
        }
        Claim(Formulas001002Metric.chainMin, expected: 0, interval: 0...1, source: "001-C3 (001 §5.2–5.3)",
              claimed: "[0, 1]", provenance: .measured("001's chain run on 64 real digit images"),
              statement: "blur → Laplacian → /255 yields values in [0, 1]: the smallest value on real images")
        Claim(Formulas001002Metric.chainMax, expected: 1, interval: 0...1, source: "001-C3 (001 §5.2–5.3)",
              claimed: "[0, 1]", provenance: .measured("001's chain run on 64 real digit images"),
              statement: "blur → Laplacian → /255 yields values in [0, 1]: the largest value on real images")
        Claim(Formulas001002Metric.stepRatio, expected: 0.5, interval: 0...0.999999, source: "001-C14 (001 §4.1, §4.3)", claimed: "J falls",
              provenance: .definitional(why: "a small step against the gradient lowers a smooth loss, by the definition of the gradient"),
              statement: "θ ← θ − α∂J/∂θ with J = (1/n)Σ(y − ŷ)² lowers J (after ÷ before one step)")
        Claim(Formulas001002Metric.mapVarianceRatio, expected: 1, tolerance: 0.05, source: "001-C15 (001 §4.2)", claimed: "distribution preserved",
              provenance: .measured("100,000 sampled values of a signal-plus-noise counterexample"),
              choices: [Choice("the counterexample x ~ N(0, 1), noise σ = 0.5"),
                        Choice("'preserved' read as a variance ratio within ± 0.05 of 1", bound: .lower, plausible: 0.9...0.99)],
              statement: "MAP denoising preserves the input distribution (variance of estimate ÷ of signal)")
        Claim(Formulas001002Metric.gradientError, expected: 0, tolerance: 1e-5, source: "002-C5 (002 §4.2)", claimed: "½·Σ(ŷ − y)²",
              provenance: .definitional(why: "the gradient of ½·Σ(ŷ − y)² is ŷ − y by calculus; the finite difference checks Lepton's arithmetic"),
              statement: "\(printed.lossFactor002)·Σ(ŷ − y)² is a squared-error loss with gradient ŷ − y")
        Claim(Formulas001002Metric.outsideUnit, expected: 0, tolerance: 0, source: "002-C7 (002 §5.2–5.3)", claimed: "[0, 1]",
              provenance: .definitional(why: "0–255 divided by 255 lies in [0, 1] by arithmetic; the BGR-vs-RGB question is not run"),
              statement: "x / \(Int(printed.scale002)) puts 0–255 pixels in [0, 1] (fraction outside)")
    }
}

/// The formulas-001-002 cells' bodies.
enum Formulas001002Cells {
    /// 001's chain on 64 real digit images scaled to 0–255.
    static func chain(_ ctx: CellContext, _ p: Formulas001002Printed) throws {
        let data = try ctx.dataset("digits")
        let n = min(64, data.train.count)
        let input = Tensor(zeros: [n] + data.train.imageShape)
        for i in 0..<input.count { input.buffer[i] = data.train.images[i] * 255 }
        let out = Preprocessor(p.chain001).apply(input).array
        let negative = Double(out.filter { $0 < 0 }.count) / Double(out.count)
        ctx.record(Formulas001002Metric.chainMin, Double(out.min() ?? .nan))
        ctx.record(Formulas001002Metric.chainMax, Double(out.max() ?? .nan))
        ctx.note("001's chain on \(n) real \(data.train.height)×\(data.train.width) digit images (0–255): values in "
                 + "[\(String(format: "%.4f", out.min() ?? .nan)), \(String(format: "%.4f", out.max() ?? .nan))], "
                 + "\(String(format: "%.1f", 100 * negative)) % negative — a Laplacian is signed, and /255 does not shift it.")
    }

    /// 001's step, 001's Bayesian claim, 002's loss gradient and scaling.
    static func losses(_ ctx: CellContext, _ p: Formulas001002Printed) {
        var rng = ctx.rng("samples")
        let x = SourceChecks.normals(100, rng: &rng), noise = SourceChecks.normals(100, rng: &rng)
        let y = zip(x, noise).map { 3 * $0 + 0.1 * $1 }
        let before = SourceChecks.linearRegressionMSE(x: x, y: y, sign: 1, learningRate: 0, steps: 0).final
        // One step θ ← θ + s·α·∂J/∂θ with ∂J/∂w = −(2/n)Σ(y − ŷ)x: in the helper's form, sign = −s.
        let after = SourceChecks.linearRegressionMSE(x: x, y: y, sign: -p.stepSign001, learningRate: 0.2, steps: 1).final
        ctx.record(Formulas001002Metric.stepRatio, after / before)
        // x ~ N(0, 1), y = x + n with n ~ N(0, 0.5²): the MAP estimate is x̂ = y / (1 + 0.25).
        let signal = SourceChecks.normals(100_000, rng: &rng), n2 = SourceChecks.normals(100_000, rng: &rng)
        let estimate = zip(signal, n2).map { ($0 + 0.5 * $1) / 1.25 }
        ctx.record(Formulas001002Metric.mapVarianceRatio, SourceChecks.variance(estimate) / SourceChecks.variance(signal))
        let yHat = SourceChecks.normals(10, rng: &rng), target = SourceChecks.normals(10, rng: &rng)
        let loss = { (v: [Double]) in p.lossFactor002 * zip(v, target).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) }
        var worst = 0.0
        for i in yHat.indices {
            var plus = yHat, minus = yHat
            plus[i] += 1e-5; minus[i] -= 1e-5
            worst = max(worst, abs((loss(plus) - loss(minus)) / 2e-5 - (yHat[i] - target[i])))
        }
        ctx.record(Formulas001002Metric.gradientError, worst)
        let scaled = (0...255).map { Double($0) / p.scale002 }
        ctx.record(Formulas001002Metric.outsideUnit, Double(scaled.filter { $0 < 0 || $0 > 1 }.count) / 256)
        let mse = loss(yHat) / p.lossFactor002 / Double(yHat.count)
        ctx.note("002's loss on n = \(yHat.count): \(p.lossFactor002)·Σ = \(String(format: "%.4f", loss(yHat))), MSE = \(String(format: "%.4f", mse)) "
                 + "(ratio \(String(format: "%.3g", loss(yHat) / mse)) = n/2 — a half sum of squares, not a mean).")
    }
}
