import LeptonLab
import ArgumentParser
import Foundation
import LeptonCharts
import LeptonData
import LeptonReport

/// `lepton report --demo OUTPUT.html`: writes a report that exercises every chart kind
/// on real computed data (classifiers trained on the embedded digits, their measured
/// latencies, a schedule on modelled devices).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write HTML reports.",
        discussion: """
            The report is one self-contained HTML file: CSS inline, charts as PNG data URIs, \
            nothing loaded from the network, readable without JavaScript.
            """
    )

    @Argument(help: ArgumentHelp("Rebuild the report.html of this run (folder, run id or experiment name: its latest run) from its results.json and charts alone.", valueName: "run"))
    var runReference: String?

    @Option(help: "With a run: the reports folder to look it up in (default: $LEPTON_REPORTS, else the package's Reports/).")
    var reports: String?

    @Option(name: .customLong("demo"), help: ArgumentHelp("Write the demo report to this HTML file.", valueName: "output.html"))
    var demoOutput: String?

    @Option(help: "Seed for shuffling and random features.")
    var seed: UInt64 = 42

    @Option(help: "Training epochs per demo model.")
    var epochs: Int = 12

    @Flag(help: "Print how long computing and rendering took (render time is measured again, charts only).")
    var timing = false

    func validate() throws {
        guard (demoOutput != nil) != (runReference != nil) else {
            throw ValidationError("Give a run (folder, run id or experiment name) to rebuild its report, or --demo OUTPUT.html.")
        }
        guard (1...200).contains(epochs) else {
            throw ValidationError("--epochs must be between 1 and 200, got \(epochs).")
        }
    }

    func run() throws {
        if let run = runReference {
            let store = RunStore(root: reports.map { URL(fileURLWithPath: $0) } ?? RunOptions.defaultReports)
            let folder = try store.locate(run)
            print("rebuilt \(try store.rebuildReport(in: folder).path)")
            return
        }
        guard let demoOutput else { return }
        let clock = ContinuousClock()
        let computeStart = clock.now
        let digits = try DatasetCatalogue.load(name: "digits")
        let inputs = try computeDemoInputs(
            datasetName: digits.name, side: digits.train.width,
            trainImages: digits.train.images, trainLabels: digits.train.labels.map(Int.init),
            testImages: digits.test.images, testLabels: digits.test.labels.map(Int.init),
            classNames: digits.classNames, seed: seed, epochs: epochs)
        let computeTime = clock.now - computeStart
        let checksums = digits.checksums.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.prefix(16))…" }
        let report = Self.demoReport(inputs, checksums: checksums)

        let url = URL(fileURLWithPath: demoOutput)
        let renderStart = clock.now
        let rendered = try report.write(to: url)
        let renderTime = clock.now - renderStart
        for warning in rendered.warnings {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        print("Wrote \(url.path): \(rendered.chartCount) charts, \(rendered.html.utf8.count / 1024) KiB.")
        if timing {
            let again = clock.now
            _ = try report.renderHTML()
            let renderOnly = clock.now - again
            print("compute: \(Self.format(computeTime)); render+write: \(Self.format(renderTime)); "
                + "render again (\(rendered.chartCount) charts, HTML in memory): \(Self.format(renderOnly))")
        }
    }

    private static func format(_ duration: Duration) -> String {
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%.1f ms", milliseconds)
    }
}

extension ReportCommand {
    /// Builds the demo report document from computed inputs.
    static func demoReport(_ inputs: ReportDemoInputs, checksums: [String]) -> Report {
        let main = inputs.main
        let baseline = inputs.models[1]
        let epochs = main.history.map { Double($0.epoch) }
        let classes = inputs.classNames
        let accuracy = main.testAccuracy
        let greedy = inputs.breakdowns.first { $0.configuration.hasPrefix("greedy") }
        let cloud = inputs.breakdowns.first { $0.configuration == "cloud only" }

        let lossChart = Chart.line(LineChart(
            title: "Training curves — \(main.name)",
            series: [LineSeries("train loss", x: epochs, y: main.history.map(\.trainLoss)),
                     LineSeries("test loss", x: epochs, y: main.history.map(\.validationLoss))],
            xAxis: Axis("Epoch"), yAxis: Axis("Cross-entropy")))
        let accuracyChart = Chart.line(LineChart(
            title: "Accuracy per epoch — \(main.name)",
            series: [LineSeries("train", x: epochs, y: main.history.map(\.trainAccuracy)),
                     LineSeries("test", x: epochs, y: main.history.map(\.validationAccuracy))],
            xAxis: Axis("Epoch"), yAxis: Axis("Accuracy")))
        let confusion = Chart.heatmap(HeatmapChart(
            title: "Confusion matrix — \(main.name), test set",
            rowLabels: classes, columnLabels: classes, values: inputs.confusion.map { $0.map(Double.init) },
            rowTitle: "True class", columnTitle: "Predicted class"))
        let recall = Chart.bar(BarChart(
            title: "Recall and precision per class",
            categories: classes,
            series: [BarSeries("recall", values: inputs.recall), BarSeries("precision", values: inputs.precision)],
            valueAxis: Axis("Fraction", minimum: 0, maximum: 1), categoryTitle: "Class"))
        let classCounts = Chart.bar(BarChart(
            title: "Training images per class", categories: classes,
            series: [BarSeries("", values: inputs.trainClassCounts.map(Double.init))],
            valueAxis: Axis("Images"), categoryTitle: "Class", size: ChartSize(width: 640, height: 280)))
        let scatter = Chart.scatter(ScatterChart(
            title: "Accuracy against latency",
            points: inputs.models.map {
                ScatterPoint(x: $0.medianLatency, y: $0.testAccuracy, label: $0.name,
                             group: $0.name.hasPrefix("random") ? "random features" : "pixel features")
            },
            xAxis: Axis("Median latency per image", unit: "µs", scale: .logarithmic), yAxis: Axis("Test accuracy"),
            paretoGoal: .minimizeXMaximizeY))
        let latencySeries = [inputs.models[1], inputs.models[3], inputs.models[4]].map {
            SampleSeries($0.name, samples: $0.latencies)
        }
        let histogram = Chart.histogram(HistogramChart(
            title: "Inference latency per image — \(main.name)",
            series: [SampleSeries(main.name, samples: trimmed(main.latencies))],
            valueAxis: Axis("Latency", unit: "µs")))
        let cdf = Chart.cdf(CDFChart(
            title: "Latency distribution by model size", series: latencySeries,
            valueAxis: Axis("Latency", unit: "µs", scale: .logarithmic)))
        let bandwidth = Chart.line(LineChart(
            title: "Latency of one request against bandwidth",
            series: inputs.bandwidthCurves.map { LineSeries($0.configuration, x: $0.bandwidths, y: $0.latencies) },
            xAxis: Axis("Bandwidth", unit: "Mbit/s", scale: .logarithmic),
            yAxis: Axis("Latency", unit: "ms", scale: .logarithmic)))
        let componentNames = inputs.breakdowns.first?.components.map(\.name) ?? []
        let breakdown = Chart.bar(BarChart(
            title: "Where a request's time goes (\(TickFormatter.compact(inputs.scheduleBandwidth)) Mbit/s)",
            categories: inputs.breakdowns.map(\.configuration),
            series: componentNames.enumerated().map { index, name in
                BarSeries(name, values: inputs.breakdowns.map { $0.components[index].milliseconds })
            },
            mode: .stacked, valueAxis: Axis("Mean latency per request", unit: "ms"), categoryTitle: "Placement"))
        let gantt = Chart.gantt(GanttChart(
            title: "Greedy schedule of 8 requests",
            rows: ["edge", "link", "cloud"],
            tasks: inputs.schedule.map { GanttTask($0.name, row: $0.device, start: $0.start, end: $0.end, category: $0.kind) },
            timeAxis: Axis("Time", unit: "ms"), showsTaskNames: true, size: ChartSize(width: 720, height: 300)))
        let multiples = Chart.smallMultiples(SmallMultiples(
            title: "Test accuracy per epoch, one panel per model",
            panels: inputs.models.map { model in
                .line(LineChart(title: model.name,
                                series: [LineSeries("test", x: model.history.map { Double($0.epoch) },
                                                    y: model.history.map(\.validationAccuracy), markers: false)],
                                xAxis: Axis("Epoch"), size: ChartSize(width: 300, height: 200)))
            },
            columns: 3, panelSize: ChartSize(width: 300, height: 200)))

        let modelTable = ReportTable(
            caption: "Every model trained for this report (click a header to sort)",
            columns: ["Model", "Parameters", "Test accuracy", "Median latency", "p99 latency"],
            rows: inputs.models.map { model in
                let sorted = model.latencies.sorted()
                return [TableCell(model.name), .number(Double(model.parameters), decimals: 0),
                        .number(model.testAccuracy, decimals: 4),
                        .number(model.medianLatency, decimals: 1, unit: "µs"),
                        .number(sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))], decimals: 1, unit: "µs")]
            })
        let breakdownTable = ReportTable(
            caption: "Mean latency components per request, ms",
            columns: ["Placement"] + componentNames + ["total"],
            rows: inputs.breakdowns.map { row in
                [TableCell(row.configuration)] + row.components.map { TableCell.number($0.milliseconds, decimals: 2) }
                    + [TableCell.number(row.total, decimals: 2)]
            })

        let beatsLinear = accuracy - baseline.testAccuracy
        let greedyTotal = greedy?.total ?? 0
        let cloudTotal = cloud?.total ?? 0
        let greedyVerdict: LeptonReport.Claim.Verdict = greedyTotal < cloudTotal * 0.98 ? .reproduced
            : greedyTotal > cloudTotal * 1.02 ? .notReproduced : .inconclusive
        let claims = [
            Claim("Softmax regression on 8×8 pixels reaches ≥ 0.93 test accuracy", claimed: "≥ 0.93",
                  reproduced: TickFormatter.compact(baseline.testAccuracy),
                  verdict: baseline.testAccuracy >= 0.93 ? .reproduced : .notReproduced, source: "demo expectation"),
            Claim("Random ReLU features beat raw pixels", claimed: "higher accuracy",
                  reproduced: String(format: "%+.3f", beatsLinear),
                  verdict: beatsLinear > 0.005 ? .reproduced : beatsLinear < -0.005 ? .notReproduced : .inconclusive,
                  source: "Rahimi & Recht, 2007"),
            Claim("Greedy placement is faster than cloud-only at \(TickFormatter.compact(inputs.scheduleBandwidth)) Mbit/s",
                  claimed: "lower mean latency",
                  reproduced: String(format: "%.1f ms vs %.1f ms", greedy?.total ?? 0, cloud?.total ?? 0),
                  verdict: greedyVerdict, source: "demo schedule"),
        ]

        var environment: [EnvironmentBlock.Entry] = [
            .init("Seed", "\(inputs.seed)"),
            .init("Data set", "\(inputs.datasetName): \(inputs.trainCount) training, \(inputs.testCount) test images"),
            .init("Clock", "compute measured on this host; edge 4× slower and cloud 2× faster than the host (modelled)"),
            .init("CPU", cpuName()),
            .init("Cores", "\(ProcessInfo.processInfo.activeProcessorCount)"),
            .init("OS", ProcessInfo.processInfo.operatingSystemVersionString),
            .init("Generated", ISO8601DateFormatter().string(from: Date())),
        ]
        #if DEBUG
        environment.append(.init("Build", "debug (latencies are slower than a release build)"))
        #else
        environment.append(.init("Build", "release"))
        #endif
        environment += checksums.map { .init("SHA-256", $0) }

        return Report(
            title: "Lepton demo: digits on the edge and in the cloud",
            subtitle: "Every chart kind, drawn by libgd from numbers computed for this report",
            blocks: [
                .markdown("""
                    This report is generated by `lepton report --demo`. It trains five **softmax-regression** \
                    classifiers on the embedded *digits* data set (8×8 images, 10 classes) with plain Swift loops, \
                    measures their inference latency on this machine, and schedules batches of requests on a \
                    modelled edge device, link and cloud server.

                    - Charts are PNG images embedded in the file; nothing is loaded from the network.
                    - Tables can be sorted by clicking a header, but read fine without JavaScript.
                    """),
                .metrics([
                    MetricCard("Test accuracy (\(main.name))", value: accuracy * 100, unit: "%",
                               baseline: baseline.testAccuracy * 100, polarity: .higherIsBetter, decimals: 1),
                    MetricCard("Median latency per image", value: main.medianLatency, unit: "µs",
                               baseline: baseline.medianLatency, polarity: .lowerIsBetter, decimals: 1),
                    MetricCard("Schedule makespan", value: inputs.makespan, unit: "ms", decimals: 1),
                    MetricCard("Mean request latency (greedy)", value: greedy?.total ?? 0, unit: "ms",
                               baseline: cloud?.total, polarity: .lowerIsBetter, decimals: 1),
                ]),
                .markdown("Deltas compare with the **pixels 8×8** model (accuracy, latency) and with the **cloud only** placement (request latency)."),
                .section(ReportSection("Training", blocks: [
                    .figure(ReportFigure(lossChart, caption: "Cross-entropy on the training and test sets after each epoch.")),
                    .figure(ReportFigure(accuracyChart, caption: "Accuracy after each epoch.")),
                    .figure(ReportFigure(multiples, caption: "Small multiples: the test-accuracy curve of every model size.")),
                    .figure(ReportFigure(classCounts, caption: "Images per class in the training split.")),
                ])),
                .section(ReportSection("Errors", blocks: [
                    .figure(ReportFigure(confusion, caption: "Rows are true classes, columns predictions; the diagonal counts correct answers.")),
                    .figure(ReportFigure(recall, caption: "Recall (of each true class) and precision (of each predicted class).")),
                ])),
                .section(ReportSection("Accuracy and latency", blocks: [
                    .figure(ReportFigure(scatter, caption: "Each model size; ringed points form the Pareto front (nothing is both faster and more accurate).")),
                    .table(modelTable),
                    .figure(ReportFigure(histogram, caption: "Per-image latency of the main model, slowest 1 % omitted.")),
                    .figure(ReportFigure(cdf, caption: "Cumulative distribution of per-image latency; dashed lines mark p50, p95 and p99.")),
                ])),
                .section(ReportSection("Placement and schedule", blocks: [
                    .markdown("Requests of 256 images arrive every 18 ms at the edge. A stage placed in the cloud first sends its input over the link: **pack** (measured) + **wire** (modelled) + **unpack** (measured)."),
                    .figure(ReportFigure(bandwidth, caption: "One request alone, for each fixed placement, as the link bandwidth varies (log–log).")),
                    .figure(ReportFigure(breakdown, caption: "Latency breakdown: queue, compute per tier, pack, wire, unpack.")),
                    .table(breakdownTable),
                    .figure(ReportFigure(gantt, caption: "The greedy schedule: each stage goes where it finishes first; colour shows the kind of task.")),
                ])),
                .section(ReportSection("Claims", blocks: [.claims(claims)])),
                .section(ReportSection("Environment", blocks: [.environment(EnvironmentBlock(environment))])),
            ])
    }

    /// The samples without the slowest 1 % (timer outliers from the OS).
    private static func trimmed(_ samples: [Double]) -> [Double] {
        let sorted = samples.sorted()
        return Array(sorted.prefix(max(1, Int(Double(sorted.count) * 0.99))))
    }

    private static func cpuName() -> String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
              let name = line.split(separator: ":", maxSplits: 1).last else { return "unknown" }
        return name.trimmingCharacters(in: .whitespaces)
    }
}
