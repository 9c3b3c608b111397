import LeptonCharts
import LeptonCore
import LeptonData
import LeptonLab
import LeptonNN
import LeptonScheduling

private let epochs = Parameter("epochs", default: 12, range: 1...200, unit: "epochs", help: "training epochs per model")
private let repeats = Parameter("latency-samples", default: 300, range: 10...10_000, unit: "inferences",
                                help: "single-image inferences timed per model")

/// Per model ("test.accuracy.mlp-8"): accuracy on the digits' test split.
private let testAccuracy = Metric("test.accuracy", polarity: .higherIsBetter)
/// Per model: the median batch-1 latency on this machine.
private let latency = Metric("latency.batch1", unit: "µs", polarity: .lowerIsBetter, measured: true)
/// Per heuristic ("makespan.heft"): makespan on the seeded 10-task DAG.
private let makespan = Metric("makespan", unit: "s", polarity: .lowerIsBetter)

/// The gallery's models: MLPs of three widths and 003 §5's CNN.
private let galleryModels = ["mlp-8", "mlp-32", "mlp-128", "seed-cnn"]

/// The untrained architecture of gallery model `name` for `shape` and `classes`.
private func galleryArchitecture(_ name: String, shape: [Int], classes: Int, seed: UInt64) throws -> Sequential {
    if name == "seed-cnn" { return try ModelZoo.make(name, inputShape: shape, classes: classes, seed: seed) }
    let width = Int(name.dropFirst(4)) ?? 32
    return try Sequential([Flatten(), Dense(units: width, activation: .relu), Dense(units: classes, activation: .softmax)])
        .build(inputShape: shape, seed: seed)
}

/// Every chart kind Lepton draws, each from numbers computed for it by Lepton's own
/// libraries: four classifiers trained on the embedded digits (latencies and per-layer times
/// measured on this machine) and schedules from LeptonScheduling's heuristics. It was
/// `lepton report --demo`; as an experiment it is cached, recorded and reported like any other.
let chartGallery = Experiment(
    "chart-gallery",
    title: "Every chart kind from real computations",
    summary: """
        Four classifiers (MLPs 8, 32 and 128 units wide, and 003 §5's CNN) are trained on the \
        embedded *digits* (8×8 images, 10 classes) with Lepton's compute core; their latencies \
        and per-layer times are measured on this machine; the schedules come from the \
        heuristics of LeptonScheduling on seeded instances. Each chart kind appears at least once.
        """
) {
    epochs
    repeats
    Profile("quick", epochs(3), repeats(50), help: "three epochs per model, seconds")

    Cell("train") { ctx in
        let data = try ctx.dataset("digits")
        let shape = data.train.imageShape, classes = data.train.classCount
        let train = Samples(data.train), test = Samples(data.test)
        var histories: [(String, History)] = []
        for name in galleryModels {
            let model = try galleryArchitecture(name, shape: shape, classes: classes, seed: ctx.derivedSeed("init-\(name)"))
            let trainer = Trainer(model: model, loss: .categoricalCrossEntropy, optimizer: Adam(learningRate: 0.003))
            let history = try trainer.fit(train, configuration: TrainingConfiguration(
                epochs: try ctx[epochs], batchSize: 32, validationSplit: 0.2, seed: ctx.derivedSeed("fit-\(name)")))
            ctx.checkTraining(history)
            ctx.saveModel(model, as: name)
            histories.append((name, history))
            let evaluation = model.evaluate(test, loss: .categoricalCrossEntropy)
            ctx.record(testAccuracy[name], evaluation.accuracy ?? .nan)
            guard name == "seed-cnn", let confusion = evaluation.confusion else { continue }
            let names = data.classNames
            try ctx.chart(.heatmap(HeatmapChart(
                title: "Confusion matrix — \(name), test split", rowLabels: names, columnLabels: names,
                values: confusion.counts.map { $0.map(Double.init) }, rowTitle: "Actual", columnTitle: "Predicted")),
                caption: "Heatmap: rows are actual classes, columns predictions.")
            try ctx.chart(.bar(BarChart(
                title: "Recall and precision per class", categories: names,
                series: [BarSeries("recall", values: confusion.recall.map { $0.isNaN ? 0 : $0 }),
                         BarSeries("precision", values: confusion.precision.map { $0.isNaN ? 0 : $0 })],
                valueAxis: Axis("Fraction", minimum: 0, maximum: 1), categoryTitle: "Class")), caption: "Grouped bars, per class.")
        }
        if let last = histories.last {
            let (name, main) = last
            let x = main.epochs.map { Double($0.epoch) }
            try ctx.chart(.line(LineChart(
                title: "Training curves — \(name)",
                series: [LineSeries("training loss", x: x, y: main.epochs.map(\.trainLoss)),
                         LineSeries("validation loss", x: x, y: main.epochs.map { $0.validationLoss ?? .nan })],
                xAxis: Axis("Epoch"), yAxis: Axis("Cross-entropy"))), caption: "Line chart: loss after each epoch (20 % held out).")
        }
        try ctx.chart(.smallMultiples(SmallMultiples(
            title: "Validation accuracy per epoch, one panel per model",
            panels: histories.map { name, h in
                .line(LineChart(title: name, series: [LineSeries("validation", x: h.epochs.map { Double($0.epoch) },
                                                                 y: h.epochs.map { $0.validationAccuracy ?? .nan }, markers: false)],
                                xAxis: Axis("Epoch"), size: ChartSize(width: 300, height: 200)))
            },
            columns: 2, panelSize: ChartSize(width: 300, height: 200))), caption: "Small multiples: every model's curve.")
        try ctx.chart(.bar(BarChart(
            title: "Training images per class", categories: data.classNames,
            series: [BarSeries("images", values: data.classNames.indices.map { c in Double(data.train.labels.filter { $0 == c }.count) })],
            valueAxis: Axis("Images"), categoryTitle: "Class")), caption: "Bar chart: the digits' training split.")
    }

    Cell("speed") { ctx in
        let data = try ctx.dataset("digits")
        let shape = data.train.imageShape, classes = data.train.classCount
        let test = Samples(data.test)
        var rows: [[String]] = [], points: [ScatterPoint] = [], samples: [SampleSeries] = [], layers: [(String, [LayerTiming])] = []
        for name in galleryModels {
            let model = try ctx.loadModel(name, into: try galleryArchitecture(name, shape: shape, classes: classes, seed: 1))
            let accuracy = model.evaluate(test, loss: .categoricalCrossEntropy).accuracy ?? .nan
            let micros = InferenceBenchmark.latencies(model, on: test, count: try ctx[repeats], warmUp: 30).map { $0 * 1000 }
            ctx.record(latency[name], samples: micros)
            let median = Statistics.median(micros)
            points.append(ScatterPoint(x: median, y: accuracy, label: name, group: name.hasPrefix("mlp") ? "MLP" : "CNN"))
            samples.append(SampleSeries(name, samples: micros))
            layers.append((name, LayerProfiler.profile(model, batch: 32, repeats: 10, seed: ctx.derivedSeed("profile"))))
            rows.append([name, "\(model.parameterCount)", NumberFormat.fixed(accuracy, 4), NumberFormat.fixed(median, 1),
                         NumberFormat.fixed(Statistics.percentile(of: micros, 99), 1)])
        }
        ctx.table("The gallery's models", columns: ["Model", "Parameters", "Test accuracy", "Median latency (µs)", "p99 latency (µs)"],
                  rows: rows, measured: ["Median latency (µs)", "p99 latency (µs)"])
        try ctx.chart(.scatter(ScatterChart(
            title: "Accuracy against latency", points: points,
            xAxis: Axis("Median latency per image", unit: "µs", scale: .logarithmic), yAxis: Axis("Test accuracy"),
            paretoGoal: .minimizeXMaximizeY)), caption: "Scatter: ringed points form the Pareto front.")
        if let main = samples.last {
            try ctx.chart(.histogram(HistogramChart(title: "Batch-1 latency — \(main.name)", series: [main],
                                                    valueAxis: Axis("Latency", unit: "µs"))),
                          caption: "Histogram: single-image inferences on this machine.")
        }
        try ctx.chart(.cdf(CDFChart(title: "Latency distribution by model", series: samples,
                                    valueAxis: Axis("Latency", unit: "µs", scale: .logarithmic))),
                      caption: "CDF: dashed lines mark p50, p95 and p99.")
        func kind(_ layer: String) -> String { String(layer.prefix { $0 != "_" }) }
        let kinds = Array(Set(layers.flatMap { $0.1.map { kind($0.layer) } })).sorted()
        try ctx.chart(.bar(BarChart(
            title: "Forward time per layer kind (batch 32)", categories: layers.map { $0.0 },
            series: kinds.map { k in
                BarSeries(k, values: layers.map { entry in entry.1.filter { kind($0.layer) == k }.map(\.forwardSeconds).reduce(0, +) * 1e6 })
            },
            mode: .stacked, valueAxis: Axis("Forward time", unit: "µs"), categoryTitle: "Model")),
            caption: "Stacked bars: LayerProfiler's measured forward time by layer kind.")
    }

    Cell("scheduling") { ctx in
        var generator = InstanceGenerator(seed: ctx.derivedSeed("dag"))
        let instance = try generator.dag(jobs: 10, devices: 3)
        for h in Heuristic.allCases { ctx.record(makespan[h.rawValue], h.schedule(instance).makespan) }
        let heft = Heuristic.heft.schedule(instance)
        try ctx.chart(.gantt(GanttChart(
            title: "HEFT on a seeded 10-task DAG, 3 devices", rows: instance.devices.map(\.name),
            tasks: heft.placements.map { p in
                GanttTask(instance.jobs[p.job].name, row: instance.devices[p.device].name, start: p.start, end: p.finish,
                          category: instance.devices[p.device].kind.rawValue)
            },
            timeAxis: Axis("Time", unit: "s"), showsTaskNames: true)), caption: "Gantt chart: makespan \(NumberFormat.fixed(heft.makespan, 2)) s.")
        let sizes = [4, 8, 12, 16, 20]
        var makespans: [Heuristic: [Double]] = [:]
        for n in sizes {
            var g = InstanceGenerator(seed: ctx.derivedSeed("size-\(n)"))
            let problem = try g.edgeCloud(jobs: n, devices: 4)
            for h in Heuristic.allCases { makespans[h, default: []].append(h.schedule(problem).makespan) }
        }
        try ctx.chart(.line(LineChart(
            title: "Makespan by instance size (edge–cloud instances, 4 devices)",
            series: Heuristic.allCases.map { h in LineSeries(h.name, x: sizes.map(Double.init), y: makespans[h] ?? []) },
            xAxis: Axis("Jobs"), yAxis: Axis("Makespan", unit: "s"))), caption: "Lines: one seeded instance per size.")
    }
}
