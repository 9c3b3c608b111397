import Foundation
import LeptonData
import LeptonLab
import LeptonNN

/// What 003 §5.2–5.4 printed: the training script's settings and listing, and its training
/// log, read from the original (`../shared/seeds/003_*.txt`, §5.2's listing and §5.4's log).
/// The experiment's cells read only these inputs.
struct Log003Printed: Sendable {
    /// §5.2: MNIST's training images.
    var trainImages = 60_000
    /// §5.2: `tf.split(data, [20000, 10000])`.
    var splitSizes = [20_000, 10_000]
    /// §5.3: batch 64, validation split 0.2, patience 3 on val_loss, up to 10 epochs.
    var batchSize = 64
    var validationSplit = 0.2
    var patience = 3
    var maxEpochs = 10
    /// §5.4: the progress bar's step count, "20000/20000".
    var loggedSteps = 20_000
    /// §5.4: "~750 ms/step" and "~15 s" per epoch.
    var millisecondsPerStep = 750.0
    var secondsPerEpoch = 15.0
    /// §5.4: the epochs logged.
    var epochsLogged = 10
    /// §5.4's val_loss per epoch, all ten as printed ("Epoch 1/10 … val_loss: 0.0701" to
    /// "Epoch 10/10 … val_loss: 0.0552"); epochs 4–10 print 0.0552, the final test loss (003-C18).
    var valLoss: [Double?] = [0.0701, 0.0575, 0.0555, 0.0552, 0.0552, 0.0552, 0.0552, 0.0552, 0.0552, 0.0552]
    /// §5.2's model listing: Conv2D filters (3×3, ReLU, each followed by MaxPool 2×2), Dense units.
    var convFilters = [32]
    var denseUnits = [64, 10]
    /// §5.3's text: "two convolutional layers".
    var convLayersInText = 2
    /// §5.2: the input, MNIST's 28×28×1.
    var inputShape = [28, 28, 1]

    /// The values 003 prints.
    static let published = Log003Printed()
}

private let stepsIntended = Metric("steps-per-epoch.intended-split", unit: "steps", exact: true)
private let stepsFull = Metric("steps-per-epoch.full-set", unit: "steps", exact: true)
private let epochSecondsFromSteps = Metric("epoch.seconds.from-steps", unit: "s", exact: true)
private let epochsEarlyStopping = Metric("epochs.early-stopping-replay", unit: "epochs", exact: true)
private let splitRuns = Metric("split.runs", exact: true)
private let labelAgreement = Metric("labels.last-row-argmax.agreement", exact: true)
private let modelOutputs = Metric("model.outputs", unit: "values", exact: true)
private let modelParameters = Metric("model.parameters", unit: "parameters", exact: true)
private let convLayersInCode = Metric("conv-layers.in-code", unit: "layers", exact: true)

/// 003 §5.2–5.4's script and training log, checked for consistency from its printed inputs.
let log003 = makeLog003(.published)

/// The log-003 experiment on `printed` (tests pass altered inputs and watch the verdicts move).
func makeLog003(_ printed: Log003Printed) -> Experiment {
    Experiment(
        "log-003",
        title: "003 §5.2–5.4: does the printed training log follow from the printed script?",
        summary: """
            003 prints a Keras script for an MNIST CNN and the log of its training. This notebook replays \
            what the script would do (the split, the steps per epoch, the early-stopping rule, the label \
            extraction, the model's shapes) on the printed settings and compares with the printed log.
            """
    ) {
        Profile("quick", help: "pure arithmetic and one pass over the embedded digits; well under a second")
        Markdown("""
            **Inputs** (003 §5.2–5.4 as printed in the original): \(printed.trainImages) training images, \
            `tf.split(data, \(printed.splitSizes))`, batch \(printed.batchSize), validation split \
            \(printed.validationSplit), patience \(printed.patience); the log shows \(printed.loggedSteps)/\
            \(printed.loggedSteps) steps, ~\(Int(printed.millisecondsPerStep)) ms/step, ~\(Int(printed.secondsPerEpoch)) s \
            per epoch, \(printed.epochsLogged) epochs with val_loss \(printed.valLoss.map { $0.map { String(format: "%.4f", $0) } ?? "?" }.joined(separator: ", ")). \
            Every verdict below is computed from these numbers.
            """)
        Cell("script") { ctx in
            try Log003Cells.script(ctx, printed)
        }
        Cell("labels") { ctx in
            let data = try ctx.dataset("digits")
            let labels = SourceChecks.lastRowArgmaxLabels(data.train)
            ctx.record(labelAgreement, SourceChecks.agreement(labels, data.train.labels))
            ctx.note("""
                `argmax(data[:, -1], axis=1)` on \(data.train.count) real digit images (\(data.train.height)×\
                \(data.train.width)) gives labels \(Set(labels).sorted()) — the column of the brightest pixel of the \
                last row, not the digit.
                """)
        }
        Claim(splitRuns, expected: 1, tolerance: 0, source: "003-C10 (003 §5.2)", claimed: "the split runs",
              provenance: .arithmetic(printed: "§5.2's tf.split sizes and MNIST's 60000 training rows"),
              statement: "tf.split(data, \(printed.splitSizes)) splits the \(printed.trainImages) images (1 = runs)")
        Claim(labelAgreement, expected: 1, tolerance: 0.01, source: "003-C11 (003 §5.2)", claimed: "digit labels",
              provenance: .measured("§5.2's label expression run on the real embedded digit images"),
              choices: [Choice("a 1 % disagreement budget", bound: .lower, plausible: 0.9...0.999)],
              statement: "argmax of the last pixel row gives the digit labels (fraction agreeing, embedded digits)")
        Claim(modelOutputs, expected: 10, tolerance: 0, source: "003-C12 (003 §5.2)", claimed: "10 outputs",
              provenance: .definitional(why: "the layer list is typed in from the listing and ends in Dense(10), so it has 10 outputs"),
              statement: "the printed layers map \(printed.inputShape) to 10 class scores")
        Claim(convLayersInCode, expected: Double(printed.convLayersInText), tolerance: 0, source: "003-C13 (003 §5.3 vs §5.2)",
              claimed: "\(printed.convLayersInText) conv layers (§5.3)",
              provenance: .arithmetic(printed: "the Conv2D layers of §5.2's listing, counted"),
              statement: "§5.3 says \(printed.convLayersInText) conv layers; conv layers in §5.2's code")
        Claim(stepsIntended, expected: Double(printed.loggedSteps), tolerance: 0, source: "003-C14 (003 §5.4)",
              claimed: "\(printed.loggedSteps)/\(printed.loggedSteps) steps",
              provenance: .arithmetic(printed: "§5.2's split, batch 64 and validation split 0.2"),
              statement: "\(printed.loggedSteps) steps per epoch (the split's first part, validation split, batch)")
        Claim(stepsFull, expected: Double(printed.loggedSteps), tolerance: 0, source: "003-C14 (003 §5.4)",
              claimed: "\(printed.loggedSteps)/\(printed.loggedSteps) steps",
              provenance: .arithmetic(printed: "MNIST's 60000 images, batch 64 and validation split 0.2"),
              statement: "\(printed.loggedSteps) steps per epoch (all \(printed.trainImages) images, validation split, batch)")
        Claim(epochSecondsFromSteps, expected: printed.secondsPerEpoch, tolerance: printed.secondsPerEpoch / 2,
              source: "003-C15 (003 §5.4)", claimed: "15s per epoch (\(Int(printed.millisecondsPerStep)) ms/step)",
              provenance: .arithmetic(printed: "the log's 20000 steps × 750 ms/step"),
              choices: [Choice("± 50 % for the log's rounding", bound: .upper, plausible: 15.75...30)],
              statement: "~\(Int(printed.secondsPerEpoch)) s per epoch = logged steps × ms/step (± 50 % for '~')")
        Claim(epochsEarlyStopping, expected: Double(printed.epochsLogged), tolerance: 0, source: "003-C16 (003 §5.4)",
              claimed: "\(printed.epochsLogged) epochs logged",
              provenance: .arithmetic(printed: "§5.4's ten val_loss values and §5.2's EarlyStopping(monitor='val_loss', patience=3)"),
              statement: "\(printed.epochsLogged) epochs run under Keras' EarlyStopping(patience \(printed.patience)) on §5.4's printed "
                  + "val_loss (replay: the epoch after which training stops)")
    }
}

/// The log-003 cells' bodies (kept apart so each cell stays short).
enum Log003Cells {
    /// Records every script- and log-derived metric and a table of how each was computed.
    static func script(_ ctx: CellContext, _ p: Log003Printed) throws {
        let intendedTrain = p.splitSizes.first ?? 0
        let intended = SourceChecks.kerasStepsPerEpoch(samples: intendedTrain, validationSplit: p.validationSplit, batchSize: p.batchSize)
        let full = SourceChecks.kerasStepsPerEpoch(samples: p.trainImages, validationSplit: p.validationSplit, batchSize: p.batchSize)
        let seconds = Double(p.loggedSteps) * p.millisecondsPerStep / 1000
        let epochs = SourceChecks.earlyStoppingEpochs(valLoss: p.valLoss, patience: p.patience)
        let runs = SourceChecks.tfSplitRuns(count: p.trainImages, sizes: p.splitSizes)
        var layers: [Layer] = p.convFilters.flatMap { [Conv2D(filters: $0, activation: .relu), MaxPool2D()] as [Layer] }
        layers.append(Flatten())
        layers += p.denseUnits.map { Dense(units: $0, activation: .relu) as Layer }
        let model = try Sequential(layers).build(inputShape: p.inputShape, seed: 1)
        ctx.record(stepsIntended, Double(intended))
        ctx.record(stepsFull, Double(full))
        ctx.record(epochSecondsFromSteps, seconds)
        ctx.record(epochsEarlyStopping, Double(epochs))
        ctx.record(splitRuns, runs ? 1 : 0)
        ctx.record(modelOutputs, Double(model.outputShape.reduce(1, *)))
        ctx.record(modelParameters, Double(model.parameterCount))
        ctx.record(convLayersInCode, Double(p.convFilters.count))
        let best = p.valLoss.compactMap { $0 }.min() ?? .nan
        ctx.note("""
            Keras' EarlyStopping(monitor='val_loss', patience=\(p.patience)) on §5.4's printed val_loss: the best value \
            \(String(format: "%.4f", best)) first appears at epoch \((p.valLoss.firstIndex { $0 == best } ?? 0) + 1); the \
            following epochs print the same value, which is not an improvement (Keras needs a strictly lower loss), so \
            training stops after epoch \(epochs) — the log shows \(p.epochsLogged).
            """)
        let vals = p.valLoss.map { $0.map { String(format: "%.4f", $0) } ?? "?" }.joined(separator: ", ")
        ctx.table("How each value was computed", columns: ["Quantity", "Formula with the printed numbers", "Value"], rows: [
            ["tf.split runs", "sizes \(p.splitSizes) sum to \(p.splitSizes.reduce(0, +)) vs \(p.trainImages) rows", runs ? "yes" : "no (InvalidArgumentError)"],
            ["steps/epoch, intended split", "⌈⌊\(intendedTrain)·(1−\(p.validationSplit))⌋ / \(p.batchSize)⌉", "\(intended)"],
            ["steps/epoch, full set", "⌈⌊\(p.trainImages)·(1−\(p.validationSplit))⌋ / \(p.batchSize)⌉", "\(full)"],
            ["s/epoch from the log", "\(p.loggedSteps) steps × \(p.millisecondsPerStep) ms", "\(seconds) s"],
            ["epochs under early stopping", "Keras' rule (improvement = strictly lower val_loss, min_delta 0), patience \(p.patience), "
                + "val_loss [\(vals)]", "stops after epoch \(epochs)"],
            ["model", "\(p.convFilters.count) conv + \(p.denseUnits.count) dense on \(p.inputShape)",
             "\(model.outputShape) out, \(model.parameterCount) parameters, \(model.parameterCount * 4) B float32"],
        ])
    }
}
