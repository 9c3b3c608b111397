import Foundation
import LeptonLab
import LeptonNN
import LeptonTensor

/// What 000 §4.1–4.2 and §5.2 printed (read from the original, `../shared/seeds/000_*.txt`).
struct Formulas000Printed: Sendable {
    /// §4.2: the sign in front of η in the expanded update M ← M − η·(1/N)·Σ(y_i − M(x_i))·∇M(x_i).
    var updateSign = -1.0
    /// §4.2: the decision model's output: linear (w0 + Σ w_i·x_i), not passed through a sigmoid.
    var decisionOutputIsLinear = true
    /// §4.1: the edge processing f(x) = a·x + b, applied element-wise (a, b as a normalisation of 0–255 pixels).
    var affine: (a: Float, b: Float) = (1 / 255, 0)
    /// §5.2's CNN: Conv2D filters (3×3 ReLU, each + MaxPool 2×2), Dense units, input.
    var convFilters = [32, 64, 128]
    var denseUnits = [128, 10]
    var inputShape = [128, 128, 3]
    /// §5.2's data-set class: `for label in self.labels:` appends `label` to `self.labels` once per
    /// image file of the folder (at least one), so the list it iterates grows as it goes
    /// (000-C11); 10 classes (the Dense 10 output).
    var loopAppendsPerItem = 1
    var classFolders = 10
    /// §3.2's light reference: SqueezeNet v1.0's parameter count (Iandola et al., 2016; torchvision).
    var lightReferenceParameters = 1_248_424.0

    /// The values 000 prints.
    static let published = Formulas000Printed()
}

private let datasetImages = Parameter("edge-dataset-images", default: 1000, range: 1...1_000_000, unit: "images",
                                      help: "training images held on the edge (000 gives none; 002's example size)")
private let learningRate = Parameter("learning-rate", default: 0.1, range: 0.0001...1.0, help: "η of the update rules")

/// The metrics of formulas-000 (shared by the experiment and its cells).
enum Formulas000Metric {
    /// Items the §5.2 data-set loop visits before it ends (capped at 1,000,000).
    static let loopIterations = Metric("dataset-loop.iterations", unit: "items", exact: true)
    static let printedMSERatio = Metric("update.printed.mse-ratio", polarity: .lowerIsBetter, exact: true)
    static let textbookMSERatio = Metric("update.textbook.mse-ratio", polarity: .lowerIsBetter, exact: true)
    static let undefinedLinear = Metric("bce.undefined-fraction.linear", exact: true)
    static let undefinedSigmoid = Metric("bce.undefined-fraction.sigmoid", exact: true)
    static let affineError = Metric("affine.max-error", exact: true)
    static let cnnOutputs = Metric("cnn.outputs", unit: "values", exact: true)
    static let cnnParameters = Metric("cnn.parameters", unit: "parameters", exact: true)
    static let modelOverData = Metric("bytes.model-with-adam.over.data", unit: "×", polarity: .lowerIsBetter, exact: true)
    /// The same ratio for 100 and 10,000 images on the edge (000-C2's sensitivity to the data-set size).
    static let modelOverData100 = Metric("bytes.model-with-adam.over.data.100-images", unit: "×", polarity: .lowerIsBetter, exact: true)
    static let modelOverData10000 = Metric("bytes.model-with-adam.over.data.10000-images", unit: "×", polarity: .lowerIsBetter, exact: true)
}

/// 000 §4's formulas run as printed, and 000 §5.2's CNN measured.
let formulas000 = makeFormulas000(.published)

/// The formulas-000 experiment on `printed`.
func makeFormulas000(_ printed: Formulas000Printed) -> Experiment {
    Experiment(
        "formulas-000",
        title: "000 §4–5: the printed update rule, decision model, affine map and CNN, run",
        summary: """
            000 prints an edge training update, a decision model with a cross-entropy loss, an element-wise \
            affine map and a CNN. This notebook runs each as printed, next to the textbook form, and measures \
            the CNN against a light reference model and the bytes it would put on the link.
            """
    ) {
        datasetImages
        learningRate
        Profile("quick", help: "a 200-point regression, a 1-D classifier and one model build; under a second")
        Cell("update-rule") { ctx in
            try Formulas000Cells.updateRule(ctx, printed, learningRate: ctx[learningRate])
        }
        Cell("decision-model") { ctx in
            Formulas000Cells.decisionModel(ctx, printed)
        }
        Cell("dataset-loop") { ctx in
            let visited = SourceChecks.pythonForLoopIterations(initial: printed.classFolders,
                                                               appendsPerItem: printed.loopAppendsPerItem, limit: 1_000_000)
            ctx.record(Formulas000Metric.loopIterations, Double(visited))
            ctx.note("`for folder in folders: folders.append(…)` over \(printed.classFolders) folders, run with Python's list "
                     + "iteration (the index advances until it reaches the list's current length): \(visited) items visited"
                     + (visited >= 1_000_000 ? " before the cap — the loop never ends." : "."))
        }
        Cell("affine-and-cnn") { ctx in
            try Formulas000Cells.affineAndCNN(ctx, printed, images: ctx[datasetImages])
        }
        Claim(Formulas000Metric.loopIterations, expected: Double(printed.classFolders), tolerance: 0, source: "000-C11 (000 §5.2)", claimed: "loads the class folders",
              provenance: .arithmetic(printed: "§5.2's loop, stepped as Python iterates a list it appends to"),
              statement: "the data-set class's loop visits the \(printed.classFolders) class folders once and ends (Python list iteration)")
        Claim(Formulas000Metric.printedMSERatio, expected: 0, interval: 0...0.999, source: "000-C8 (000 §4.2)", claimed: "trains (MSE falls)",
              provenance: .measured("the printed update run for 100 steps on a synthetic 200-point regression"),
              choices: [Choice("the regression y = 2x + 1 + noise, η = 0.1, 100 steps")],
              statement: "the printed update (sign \(printed.updateSign > 0 ? "+" : "−")η) reduces the MSE (final ÷ initial < 1)")
        Claim(Formulas000Metric.undefinedLinear, expected: 0, tolerance: 0, source: "000-C9 (000 §4.2)", claimed: "defined (a usable loss)",
              provenance: .measured("the printed loss on a least-squares linear model of 400 sampled points"),
              choices: [Choice("two Gaussian classes N(±1, 1), 400 points")],
              statement: "the BCE of the \(printed.decisionOutputIsLinear ? "linear" : "sigmoid") decision model is defined on every sample")
        Claim(Formulas000Metric.affineError, expected: 0, tolerance: 1e-6, source: "000-C6 (000 §4.1)", claimed: "f(x) = a·x + b",
              provenance: .definitional(why: "Lepton's own affine step compared with a·x + b: it tests Lepton's code, not the document"),
              statement: "f(x) = a·x + b applied element-wise to real pixels (max |f − (a·x + b)|)")
        Claim(Formulas000Metric.cnnOutputs, expected: 10, tolerance: 0, source: "000-C13 (000 §5.2)", claimed: "10 classes (Dense 10)",
              provenance: .definitional(why: "the layer list is typed in from the listing and ends in Dense(10), so it has 10 outputs"),
              statement: "the §5.2 CNN maps \(printed.inputShape) to 10 class scores")
        Claim(Formulas000Metric.cnnParameters, expected: printed.lightReferenceParameters, interval: 0...printed.lightReferenceParameters,
              source: "000-C5 (000 §3.2 vs §5.2)", claimed: "light models (MobileNet, SqueezeNet)",
              provenance: .arithmetic(printed: "§5.2's layer list on 128×128×3, against SqueezeNet v1.0's published 1,248,424 parameters"),
              statement: "§3.2: light models like SqueezeNet (≤ \(Int(printed.lightReferenceParameters)) parameters); §5.2's CNN")
        Claim(Formulas000Metric.modelOverData, expected: 0.5, interval: 0...0.999, source: "000-C2 (000 §1.2, §3.2)", claimed: "less data transfer",
              provenance: .arithmetic(printed: "§5.2's CNN (parameters × 4 B × 3 with Adam's two moments) against 128×128×3 uint8 images"),
              choices: [Choice("1,000 images on the edge (000 gives no data-set size; break-even in the cell's table)")],
              alternatives: [Alternative(Formulas000Metric.modelOverData100, "100 images on the edge"),
                             Alternative(Formulas000Metric.modelOverData10000, "10,000 images on the edge")],
              statement: "training on the edge sends fewer bytes: (float32 model + Adam state) ÷ raw uint8 data set")
        Check(Formulas000Metric.textbookMSERatio, interval: 0...0.999, target: 0,
              rationale: "the textbook descent must reduce the MSE, or the regression problem is at fault",
              provenance: .measured("the textbook update on the same regression"))
        Check(Formulas000Metric.undefinedSigmoid, interval: 0...0, target: 0,
              rationale: "with a sigmoid output the same loss must be defined everywhere",
              provenance: .definitional(why: "a sigmoid's output lies in (0, 1)"))
    }
}
