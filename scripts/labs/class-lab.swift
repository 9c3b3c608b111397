// A class lab: a training cell, a chart cell that calls a helper, and a claim.
// Used by scripts/bench-watch.sh (issue 25, acceptance 2) and, with small edits, by the
// tests of `lepton run` (per-cell code identity), `lepton watch` and `lepton grade`.
import LeptonCharts
import LeptonLab
import LeptonNN

private let epochs = Parameter("epochs", default: 2, range: 1...500, unit: "epochs")
private let hidden = Parameter("hidden", default: 16, range: 1...1024, unit: "units")
private let testAccuracy = Metric("test.accuracy", polarity: .higherIsBetter)

/// The chart's title: only the chart cell calls it.
func chartTitle() -> String { "Training loss by epoch" }

/// The model: the training cell calls it, and it calls `outputLayer()`.
func makeModel(width: Int) -> Sequential {
    Sequential([Flatten(), Dense(units: width, activation: .relu), outputLayer()])
}

func outputLayer() -> Dense { Dense(units: 10, activation: .softmax) }

/// How the model is trained: a type whose method the training cell calls.
struct Recipe {
    var rate: Float
    func optimizer() -> Adam { Adam(learningRate: rate) }
}

extension Double {
    /// Rounded to four decimals: an extension the training cell calls.
    var rounded4: Double { (self * 10_000).rounded() / 10_000 }
}

let classLab = Experiment("class-lab", title: "A class lab", summary: "How well does a small dense network learn the 8×8 digits?") {
    epochs
    hidden
    Cell("train") { ctx in
        let data = try ctx.dataset("digits")
        let model = try makeModel(width: try ctx[hidden]).build(inputShape: data.train.imageShape, seed: ctx.derivedSeed("init"))
        let trainer = Trainer(model: model, loss: .categoricalCrossEntropy, optimizer: Recipe(rate: 0.01).optimizer())
        let history = try trainer.fit(Samples(data.train), configuration: TrainingConfiguration(
            epochs: try ctx[epochs], batchSize: 32, seed: ctx.derivedSeed("fit")))
        ctx.checkTraining(history)
        try ctx.save(history.epochs.map(\.trainLoss), as: "loss")
        ctx.record(testAccuracy, (trainer.evaluate(Samples(data.test)).accuracy ?? .nan).rounded4)
    }
    Cell("chart") { ctx in
        let loss = try ctx.load([Double].self, "loss")
        try ctx.chart(.line(LineChart(title: chartTitle(), series: [LineSeries("training loss", x: loss.indices.map { Double($0 + 1) }, y: loss)],
                                      xAxis: Axis("epoch"), yAxis: Axis("loss"))),
                      caption: chartTitle())
    }
    Claim(testAccuracy, expected: 0.9, interval: 0.8...1.0, source: "the handout", statement: "test accuracy of at least 0.8")
}
