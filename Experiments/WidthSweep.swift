import LeptonCharts
import LeptonCore
import LeptonLab
import LeptonNN
import LeptonTensor

private let width = Parameter("width", default: 32, range: 1...1024, unit: "units", help: "hidden units (swept)")
private let epochs = Parameter("epochs", default: 20, range: 1...200, unit: "epochs")
private let slope = Parameter("slope", default: 0.1, range: 0.0...1.0, help: "leaky ReLU slope for negative inputs")

private let trainImages = Metric("train.images", unit: "images")
private let testImages = Metric("test.images", unit: "images")
private let testAccuracy = Metric("test.accuracy", polarity: .higherIsBetter)
private let parameterCount = Metric("parameters", unit: "parameters")
private let bestWidth = Metric("best.width", unit: "units")

/// An example written only in Experiments/: its own layer type (leaky ReLU), its own
/// model, and a sweep over the hidden width. Copy it to start a lab.
let widthSweep = Experiment(
    "width-sweep",
    title: "How wide must the hidden layer be? (example experiment)",
    summary: """
        An example of an experiment defined entirely in Experiments/: a model built from \
        Lepton's layers plus a layer type defined in this file (leaky ReLU), trained on the \
        embedded digits for each hidden width of a sweep.
        """
) {
    width
    epochs
    slope
    Profile("quick", epochs(10))
    Profile("full", epochs(40))

    Markdown("Each point trains Flatten → Dense(width) → LeakyReLU → Dense(10, softmax) on the 8×8 digits.")

    Cell("data") { ctx in
        let data = try ctx.dataset("digits")
        ctx.record(trainImages, Double(data.train.count))
        ctx.record(testImages, Double(data.test.count))
    }

    Sweep("width", over: width, [4, 16, 64]) {
        Cell("train") { ctx in
            let data = try ctx.dataset("digits")
            let model = try Sequential([
                Flatten(), Dense(units: try ctx[width]), LeakyReLU(slope: Float(try ctx[slope])),
                Dense(units: 10, activation: .softmax),
            ]).build(inputShape: data.train.imageShape, seed: ctx.derivedSeed("init"))
            let trainer = Trainer(model: model, loss: .categoricalCrossEntropy, optimizer: Adam(learningRate: 0.01))
            ctx.checkTraining(try trainer.fit(Samples(data.train),
                                              configuration: TrainingConfiguration(epochs: try ctx[epochs], batchSize: 32, seed: ctx.derivedSeed("fit"))))
            let test = trainer.evaluate(Samples(data.test))
            ctx.record(testAccuracy, test.accuracy ?? .nan)
            ctx.record(parameterCount, Double(model.parameterCount))
        }
    }

    Cell("summary") { ctx in
        let results = ctx.sweepResults()
        try ctx.chart(.line(LineChart(
            title: "Test accuracy against hidden width",
            series: [LineSeries("test accuracy", x: results.map { Double($0[width] ?? 0) },
                                y: results.map { $0[testAccuracy] ?? .nan })],
            xAxis: Axis("Hidden units", scale: .logarithmic), yAxis: Axis("Test accuracy"))),
            caption: "One point per sweep point")
        if let best = results.max(by: { ($0[testAccuracy] ?? 0) < ($1[testAccuracy] ?? 0) }) {
            ctx.record(bestWidth, Double(best[width] ?? 0))
        }
    }
}

/// y = x for x > 0, slope·x otherwise — a layer defined outside Sources/ to show that
/// experiments can bring their own: its forward and backward math, and a copy for the
/// model's replicas; ``Layer`` supplies the rest (it has no parameters: nothing to
/// initialise or quantise).
final class LeakyReLU: Layer {
    var name = "leaky_relu"
    let slope: Float
    private var input: Tensor?
    init(slope: Float) { self.slope = slope }
    func copy() -> Layer { LeakyReLU(slope: slope) }
    func forward(_ x: Tensor, training: Bool) -> Tensor {
        input = x
        return Tensor(shape: x.shape, values: (0..<x.count).map { x[$0] > 0 ? x[$0] : slope * x[$0] })
    }
    func backward(_ g: Tensor, inputGradient: Bool) -> Tensor? {
        guard inputGradient, let x = input else { return nil }
        return Tensor(shape: g.shape, values: (0..<g.count).map { x[$0] > 0 ? g[$0] : slope * g[$0] })
    }
}
