import LeptonLab
import ArgumentParser
import Foundation
import LeptonCharts
import LeptonData
import LeptonReport

/// `lepton report RUN`: rebuilds a run's report.html from its results.json and charts;
/// `lepton report --demo OUTPUT.html`: writes a report that exercises every chart kind on
/// real computed data (``DemoReport``).
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
        let report = try DemoReport(seed: seed, epochs: epochs).report()
        let computeTime = clock.now - computeStart
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

