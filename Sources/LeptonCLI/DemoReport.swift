import Foundation
import LeptonCharts
import LeptonData
import LeptonLab
import LeptonNN
import LeptonReport
import LeptonScheduling
import LeptonTensor

/// The demo report of `lepton report --demo`: every chart kind, each drawn from numbers
/// computed for it by Lepton's own libraries — models trained on the embedded digits with
/// LeptonNN (their latencies and per-layer times measured on this machine) and schedules
/// from LeptonScheduling's heuristics.
struct DemoReport {
    /// One trained model and what was measured of it.
    struct Model {
        let name: String
        let network: Sequential
        let history: History
        let evaluation: Evaluation
        let latencies: [Double]
        let layers: [LayerTiming]
        var accuracy: Double { evaluation.accuracy ?? .nan }
        var medianLatency: Double { Statistics.percentile(latencies.sorted(), 50) }
    }

    let data: DatasetSplit
    let models: [Model]
    let seed: UInt64

    /// Trains the demo models (MLPs of three widths and 003 §5's CNN) for `epochs`.
    init(seed: UInt64, epochs: Int) throws {
        data = try DatasetCatalogue.load(name: "digits")
        self.seed = seed
        let shape = data.train.imageShape, classes = data.train.classCount
        var specs: [(String, Sequential)] = try [8, 32, 128].map { width in
            ("mlp-\(width)", try Sequential([Flatten(), Dense(units: width, activation: .relu), Dense(units: classes, activation: .softmax)])
                .build(inputShape: shape, seed: seed))
        }
        specs.append(("seed-cnn", try ModelZoo.make("seed-cnn", inputShape: shape, classes: classes, seed: seed)))
        let train = Samples(data.train), test = Samples(data.test)
        models = try specs.map { name, network in
            let trainer = Trainer(model: network, loss: .categoricalCrossEntropy, optimizer: Adam(learningRate: 0.003))
            let history = try trainer.fit(train, configuration: TrainingConfiguration(epochs: epochs, batchSize: 32,
                                                                                    validationSplit: 0.2, seed: seed))
            return Model(name: name, network: network, history: history, evaluation: network.evaluate(test, loss: .categoricalCrossEntropy),
                         latencies: InferenceBenchmark.latencies(network, on: test, count: 300, warmUp: 30).map { $0 * 1000 },
                         layers: LayerProfiler.profile(network, batch: 32, repeats: 10, seed: seed))
        }
    }

    /// The report document.
    func report() throws -> Report {
        guard let main = models.last, let smallest = models.first else { return Report(title: "Lepton demo") }
        let epochs = main.history.epochs.map { Double($0.epoch) }
        let names = data.classNames
        let confusion = main.evaluation.confusion
        let training: [ReportBlock] = [
            .figure(ReportFigure(.line(LineChart(
                title: "Training curves — \(main.name)",
                series: [LineSeries("training loss", x: epochs, y: main.history.epochs.map(\.trainLoss)),
                         LineSeries("validation loss", x: epochs, y: main.history.epochs.map { $0.validationLoss ?? .nan })],
                xAxis: Axis("Epoch"), yAxis: Axis("Cross-entropy"))), caption: "Loss after each epoch (20 % of the training split held out).")),
            .figure(ReportFigure(.smallMultiples(SmallMultiples(
                title: "Validation accuracy per epoch, one panel per model",
                panels: models.map { m in
                    .line(LineChart(title: m.name, series: [LineSeries("validation", x: m.history.epochs.map { Double($0.epoch) },
                                                                       y: m.history.epochs.map { $0.validationAccuracy ?? .nan }, markers: false)],
                                    xAxis: Axis("Epoch"), size: ChartSize(width: 300, height: 200)))
                },
                columns: 2, panelSize: ChartSize(width: 300, height: 200))), caption: "Small multiples: every model's curve.")),
            .figure(ReportFigure(.bar(BarChart(
                title: "Training images per class", categories: names,
                series: [BarSeries("images", values: names.indices.map { c in Double(data.train.labels.filter { $0 == c }.count) })],
                valueAxis: Axis("Images"), categoryTitle: "Class")), caption: "The digits' training split.")),
        ]
        var errors: [ReportBlock] = []
        if let confusion {
            errors.append(.figure(ReportFigure(.heatmap(HeatmapChart(
                title: "Confusion matrix — \(main.name), test split", rowLabels: names, columnLabels: names,
                values: confusion.counts.map { $0.map(Double.init) }, rowTitle: "Actual", columnTitle: "Predicted")),
                caption: "Rows are actual classes, columns predictions.")))
            errors.append(.figure(ReportFigure(.bar(BarChart(
                title: "Recall and precision per class", categories: names,
                series: [BarSeries("recall", values: confusion.recall.map { $0.isNaN ? 0 : $0 }),
                         BarSeries("precision", values: confusion.precision.map { $0.isNaN ? 0 : $0 })],
                valueAxis: Axis("Fraction", minimum: 0, maximum: 1), categoryTitle: "Class")), caption: "Per class.")))
        }
        let layerKinds = Array(Set(models.flatMap { $0.layers.map { kind(of: $0.layer) } })).sorted()
        let speed: [ReportBlock] = [
            .figure(ReportFigure(.scatter(ScatterChart(
                title: "Accuracy against latency",
                points: models.map { ScatterPoint(x: $0.medianLatency, y: $0.accuracy, label: $0.name, group: $0.name.hasPrefix("mlp") ? "MLP" : "CNN") },
                xAxis: Axis("Median latency per image", unit: "µs", scale: .logarithmic), yAxis: Axis("Test accuracy"),
                paretoGoal: .minimizeXMaximizeY)), caption: "Ringed points form the Pareto front.")),
            .figure(ReportFigure(.histogram(HistogramChart(
                title: "Batch-1 latency — \(main.name)", series: [SampleSeries(main.name, samples: main.latencies)],
                valueAxis: Axis("Latency", unit: "µs"))), caption: "300 single-image inferences on this machine.")),
            .figure(ReportFigure(.cdf(CDFChart(
                title: "Latency distribution by model", series: models.map { SampleSeries($0.name, samples: $0.latencies) },
                valueAxis: Axis("Latency", unit: "µs", scale: .logarithmic))), caption: "Dashed lines mark p50, p95 and p99.")),
            .figure(ReportFigure(.bar(BarChart(
                title: "Forward time per layer kind (batch 32)", categories: models.map(\.name),
                series: layerKinds.map { k in
                    BarSeries(k, values: models.map { m in m.layers.filter { kind(of: $0.layer) == k }.map(\.forwardSeconds).reduce(0, +) * 1e6 })
                },
                mode: .stacked, valueAxis: Axis("Forward time", unit: "µs"), categoryTitle: "Model")),
                caption: "LayerProfiler's measured forward time, stacked by layer kind.")),
            .table(ReportTable(caption: "The demo models", columns: ["Model", "Parameters", "Test accuracy", "Median latency", "p99 latency"],
                               rows: models.map { m in
                                   [TableCell(m.name), .number(Double(m.network.parameterCount), decimals: 0), .number(m.accuracy, decimals: 4),
                                    .number(m.medianLatency, decimals: 1, unit: "µs"),
                                    .number(Statistics.percentile(m.latencies.sorted(), 99), decimals: 1, unit: "µs")]
                               })),
        ]
        return Report(
            title: "Lepton demo: every chart kind from real computations",
            subtitle: "digits trained with LeptonNN · schedules from LeptonScheduling · seed \(seed)",
            blocks: [
                .markdown("""
                    Generated by `lepton report --demo`. Four classifiers are trained on the embedded *digits* \
                    (8×8 images, 10 classes) with Lepton's compute core; latencies and per-layer times are measured \
                    on this machine; the schedules come from the heuristics of LeptonScheduling on seeded instances.
                    """),
                .metrics([
                    MetricCard("Test accuracy (\(main.name))", value: main.accuracy * 100, unit: "%", baseline: smallest.accuracy * 100,
                               polarity: .higherIsBetter, decimals: 1),
                    MetricCard("Median latency (\(main.name))", value: main.medianLatency, unit: "µs", baseline: smallest.medianLatency,
                               polarity: .lowerIsBetter, decimals: 1),
                ]),
                .markdown("Deltas compare with **\(smallest.name)**."),
                .section(ReportSection("Training", blocks: training)),
                .section(ReportSection("Errors", blocks: errors)),
                .section(ReportSection("Accuracy and speed", blocks: speed)),
                .section(ReportSection("Scheduling", blocks: try schedulingBlocks())),
            ])
    }

    /// A Gantt chart of HEFT on a seeded DAG, and each heuristic's makespan by instance size.
    private func schedulingBlocks() throws -> [ReportBlock] {
        var generator = InstanceGenerator(seed: seed)
        let instance = try generator.dag(jobs: 10, devices: 3)
        let heft = Heuristic.heft.schedule(instance)
        let sizes = [4, 8, 12, 16, 20]
        var makespans: [Heuristic: [Double]] = [:]
        for n in sizes {
            var g = InstanceGenerator(seed: seed &+ UInt64(n))
            let problem = try g.edgeCloud(jobs: n, devices: 4)
            for h in Heuristic.allCases { makespans[h, default: []].append(h.schedule(problem).makespan) }
        }
        return [
            .figure(ReportFigure(.gantt(GanttChart(
                title: "HEFT on a seeded 10-task DAG, 3 devices", rows: instance.devices.map(\.name),
                tasks: heft.placements.map { p in
                    GanttTask(instance.jobs[p.job].name, row: instance.devices[p.device].name, start: p.start, end: p.finish,
                              category: instance.devices[p.device].kind.rawValue)
                },
                timeAxis: Axis("Time", unit: "s"), showsTaskNames: true)), caption: "Makespan \(format(heft.makespan)) s.")),
            .figure(ReportFigure(.line(LineChart(
                title: "Makespan by instance size (edge–cloud instances, 4 devices)",
                series: Heuristic.allCases.map { h in LineSeries(h.rawValue, x: sizes.map(Double.init), y: makespans[h] ?? []) },
                xAxis: Axis("Jobs"), yAxis: Axis("Makespan", unit: "s"))), caption: "One seeded instance per size.")),
        ]
    }

    private func kind(of layer: String) -> String {
        String(layer.prefix { $0 != "_" })
    }

    private func format(_ v: Double) -> String { String(format: "%.2f", v) }
}
