import ArgumentParser
import Foundation
import LeptonLab

/// `lepton report RUN`: rebuilds a run's report.html from its results.json and charts;
/// `lepton report --demo OUTPUT.html`: runs the shipped chart-gallery experiment (every
/// chart kind on real computed data) through the runner and copies its report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write HTML reports.",
        discussion: """
            The report is one self-contained HTML file: CSS inline, charts as PNG data URIs, \
            nothing loaded from the network, readable without JavaScript. --demo is \
            `lepton run chart-gallery` (recorded and cached like any run) with its report copied.
            """
    )

    @Argument(help: ArgumentHelp("Rebuild the report.html of this run (folder, run id or experiment name: its latest run) from its results.json and charts alone.", valueName: "run"))
    var runReference: String?

    @Option(help: "The reports folder (default: $LEPTON_REPORTS, else the package's Reports/).")
    var reports: String?

    @Option(name: .customLong("demo"), help: ArgumentHelp("Run the chart-gallery experiment and copy its report to this HTML file.", valueName: "output.html"))
    var demoOutput: String?

    @Option(help: "With --demo: the run's seed.")
    var seed: UInt64 = 42

    @Option(help: "With --demo: training epochs per model (default: the experiment's).")
    var epochs: Int?

    @Flag(help: "With --demo: print how long running and rendering took (render time is measured again, charts only).")
    var timing = false

    func validate() throws {
        guard (demoOutput != nil) != (runReference != nil) else {
            throw ValidationError("Give a run (folder, run id or experiment name) to rebuild its report, or --demo OUTPUT.html.")
        }
        if let epochs, !(1...200).contains(epochs) {
            throw ValidationError("--epochs must be between 1 and 200, got \(epochs).")
        }
    }

    func run() throws {
        let store = RunStore(root: reports.map { URL(fileURLWithPath: $0) } ?? RunOptions.defaultReports)
        if let run = runReference {
            print("rebuilt \(try store.rebuildReport(in: try store.locate(run)).path)")
            return
        }
        guard let demoOutput else { return }
        let experiment = try ExperimentLookup.find("chart-gallery")
        var options = RunOptions(overrides: epochs.map { ["epochs=\($0)"] } ?? [], seed: seed, reports: store.root)
        options.identity = LeptonCLI.identity
        let clock = ContinuousClock()
        let start = clock.now
        let runner = Runner(experiment: experiment, options: options)
        runner.observer = RunProgress(quiet: false).handle
        let result = try runner.run()
        let folder = try store.write(result)
        let runTime = clock.now - start
        let url = URL(fileURLWithPath: demoOutput)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.copyItem(at: folder.appendingPathComponent("report.html"), to: url)
        for warning in result.record.warnings ?? [] { Terminal.note("warning: \(warning)") }
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        print("Wrote \(url.path): \(result.record.charts.count) charts, \(size / 1024) KiB (run \(result.record.runID)).")
        if timing {
            let again = clock.now
            _ = try store.rebuildReport(in: folder)
            print("run: \(Self.format(runTime)); render again (\(result.record.charts.count) charts, from results.json): "
                + Self.format(clock.now - again))
        }
    }

    private static func format(_ duration: Duration) -> String {
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return "\(NumberFormat.fixed(milliseconds, 1)) ms"
    }
}
