/// The example labs `lepton new FILE.swift --example NAME` writes; each is complete and
/// runs as written. Their header comments are the lab-facing API reference of an install
/// without Lepton's checkout (docs/TEACHING.md has the same reference).
enum LabExamples {
    /// Example names and what they show.
    static let names: [String: String] = [
        "train": "one training cell, a line chart and a claim (the default)",
        "sweep": "a sweep over the hidden width, a bar chart after the sweep, three seeds and a claim on the gain",
    ]

    /// The lab-facing API in one comment block.
    static let reference = """
        // ── What a lab can use (lepton new --example sweep shows most of it) ─────────────────
        // Declarations (top level, once each):
        //   Parameter("epochs", default: 10, range: 1...200, unit: "epochs", help: "…")   Int, Double, String (allowed: […]), Bool, [Double]
        //   Metric("test.accuracy", unit: nil, polarity: .higherIsBetter)                 .lowerIsBetter, .neutral (default)
        //   let lab = Experiment("lab-4", title: "…", summary: "the question") { … }
        // In Experiment { … } — only these (code goes inside a Cell):
        //   epochs                                   list each parameter the lab uses
        //   Profile("quick", epochs(3), help: "…")   --profile quick
        //   Seeds(3)                                 replicates; --seeds N overrides; reports show mean and 95 % interval
        //   Markdown("prose for the report")
        //   Cell("name") { ctx in … }                the code; reruns only when its code or inputs changed
        //   Sweep("width", over: width, [4, 16, 64]) { Cell(…) { ctx in … } }    only cells inside; --set width=… is refused
        //   Sweep("grid", grid: [[width(4), width(64)], [rate(0.01), rate(0.1)]]) { … }
        //   Claim(metric, expected: 0.9, interval: 0.85...1.0, source: "…", when: [epochs(10)])   inconclusive under other settings
        //   Claim(metric, expected: 0.9, tolerance: 0.02, source: "…")
        //   Check(metric, interval: 0.0...0.3, rationale: "why this target")
        //   Threshold(metric, absolute: 0.01, relative: 0.02)     what `lepton check` counts as a regression
        // In a cell, ctx gives:
        //   try ctx[epochs]                          a parameter's value (typed)
        //   try ctx.dataset("digits")                .train / .test samples; "fashion-mnist" after `make setup`
        //   ctx.derivedSeed("init"), ctx.rng("noise")   seeded randomness (--seed, replicate r uses seed + r)
        //   ctx.record(metric, value)                ctx.record(metric, samples: [...]) for distributions
        //   ctx.table("title", columns: ["a", "b"], rows: [["1", "2"]])
        //   try ctx.chart(.line(…) / .bar(…) / .scatter(…) / .histogram(…), caption: "…")
        //   ctx.note("Markdown"), ctx.warn("text")
        //   try ctx.save(value, as: "name"), try ctx.load(T.self, "name"), ctx.saveModel(model, as:), try ctx.loadModel(_:into:)
        //   ctx.sweepResults()                       after a sweep: each point's values and metrics (this seed's)
        //   ctx.checkTraining(history)               flags a diverged training in the report
        // Charts (import LeptonCharts):
        //   LineChart(title:, series: [LineSeries("name", x: [...], y: [...])], xAxis: Axis("x", unit:, scale: .logarithmic), yAxis: Axis("y"))
        //   BarChart(title:, categories: ["4", "16"], series: [BarSeries("accuracy", values: [...])], valueAxis: Axis("accuracy"), categoryTitle: "width")
        //   ScatterChart(title:, points: [ScatterPoint(x:, y:, label:, group:)], xAxis:, yAxis:)
        // Models (import LeptonNN): Sequential([Flatten(), Dense(units: 32, activation: .relu), Dense(units: 10, activation: .softmax)])
        //   .build(inputShape:, seed:); ModelZoo.make("seed-cnn", inputShape:, classes:, seed:); Trainer(model:, loss:, optimizer: Adam(learningRate:))
        //   trainer.fit(Samples(data.train), configuration: TrainingConfiguration(epochs:, batchSize:, seed:)); trainer.evaluate(Samples(data.test)).accuracy
        // ─────────────────────────────────────────────────────────────────────────────────────
        """

    /// The sweep example: does the hidden layer's width matter?
    static func sweep(id: String, variable: String) -> String {
        """
        import LeptonCharts
        import LeptonLab
        import LeptonNN

        private let width = Parameter("width", default: 16, range: 1...1024, unit: "units", help: "hidden units (swept)")
        private let epochs = Parameter("epochs", default: 10, range: 1...200, unit: "epochs")
        private let testAccuracy = Metric("test.accuracy", polarity: .higherIsBetter)
        private let gain = Metric("gain.64.over.4", polarity: .higherIsBetter)

        /// \(id): does the hidden layer's width matter?
        let \(variable) = Experiment(
            "\(id)",
            title: "Does width matter?",
            summary: "How much test accuracy does a wider hidden layer buy on the 8×8 digits?"
        ) {
            width
            epochs
            Profile("quick", epochs(5), help: "seconds, for a first look")
            Seeds(3)                       // every number is a mean over 3 seeds, with its 95 % interval

            Markdown("Each point trains Flatten → Dense(width, ReLU) → Dense(10, softmax) on the digits.")

            Sweep("width", over: width, [4, 16, 64]) {
                Cell("train") { ctx in
                    let data = try ctx.dataset("digits")
                    let model = try Sequential([
                        Flatten(), Dense(units: try ctx[width], activation: .relu), Dense(units: 10, activation: .softmax),
                    ]).build(inputShape: data.train.imageShape, seed: ctx.derivedSeed("init"))
                    let trainer = Trainer(model: model, loss: .categoricalCrossEntropy, optimizer: Adam(learningRate: 0.01))
                    ctx.checkTraining(try trainer.fit(Samples(data.train), configuration: TrainingConfiguration(
                        epochs: try ctx[epochs], batchSize: 32, seed: ctx.derivedSeed("fit"))))
                    ctx.record(testAccuracy, trainer.evaluate(Samples(data.test)).accuracy ?? .nan)
                }
            }

            // After the sweep: one bar per width (this seed's values; the report's sweep
            // table has the means over the seeds with their intervals).
            Cell("compare widths") { ctx in
                let results = ctx.sweepResults()
                let accuracy = results.map { $0[testAccuracy] ?? .nan }
                try ctx.chart(.bar(BarChart(
                    title: "Test accuracy by hidden width",
                    categories: results.map { String($0[width] ?? 0) },
                    series: [BarSeries("test accuracy", values: accuracy)],
                    valueAxis: Axis("Test accuracy", minimum: 0, maximum: 1), categoryTitle: "Hidden units")),
                    caption: "One bar per width")
                ctx.record(gain, (accuracy.last ?? .nan) - (accuracy.first ?? .nan))
            }

            Claim(gain, expected: 0.2, interval: 0.05...1.0, source: "the lab's expected answer",
                  statement: "64 hidden units beat 4 by at least 0.05")
        }

        """
    }
}
