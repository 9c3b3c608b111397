import ArgumentParser
import Foundation
import LeptonScheduling

/// `lepton schedule FILE.json`: every heuristic and the proven optimum for a user's instance
/// (``ScheduleComparison`` does the work).
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Schedule a job graph from a JSON instance with every heuristic and the exact solver.",
        discussion: """
            The instance format is described in docs/SCHEDULING.md (devices, links, jobs, edges). \
            Prints each schedule's objective value and its gap to the optimum, and where every \
            job runs; --html writes a report with a Gantt chart per schedule; --json prints one \
            JSON object. The exact solver proves optimality within --node-limit search nodes and \
            --time-limit seconds; DAGs of up to about 12 jobs on 3 devices are proven in seconds \
            (docs/SCHEDULING.md). When a limit stops it, the report says "bound": the best \
            schedule found, a lower bound on the optimum and the gap between them. The instance \
            is checked as docs/INPUTS.md describes (file:line:column, field, expected vs found).
            """)

    @Argument(help: "A scheduling instance in JSON (docs/SCHEDULING.md).")
    var file: String
    @Option(help: "Objective: \(Objective.allCases.map(\.name).joined(separator: ", ")).")
    var objective = "makespan"
    @Option(help: "Write an HTML report with a Gantt chart per schedule to this file.")
    var html: String?
    @Option(help: "Stop the exact search after this many nodes (the result is then a bound, not proven).")
    var nodeLimit = 50_000_000
    @Option(help: "Stop the exact search after this many seconds (the result is then a bound, not proven).")
    var timeLimit = 60.0
    @Flag(help: "Print one JSON object on standard output.")
    var json = false

    func validate() throws {
        guard Objective(name: objective) != nil else {
            throw ValidationError("unknown objective '\(objective)'; use one of \(Objective.allCases.map(\.name).joined(separator: ", "))")
        }
        guard nodeLimit >= 1 else { throw ValidationError("--node-limit must be at least 1, got \(nodeLimit)") }
        guard timeLimit.isFinite, timeLimit > 0 else {
            throw ValidationError("--time-limit must be a positive number of seconds, got \(timeLimit)")
        }
        if let html, !html.hasSuffix(".html") { throw ValidationError("--html needs a file name ending in .html, got '\(html)'") }
    }

    func run() throws {
        let comparison = try ScheduleComparison(instance: try ScheduleComparison.instance(file: file),
                                                objective: Objective(name: objective) ?? .makespan,
                                                nodeLimit: nodeLimit, timeLimit: Seconds(timeLimit))
        if let html {
            let url = URL(fileURLWithPath: html)
            let written = try comparison.writeReport(to: url)
            for warning in written.warnings { Terminal.note("warning: \(warning)") }
            if !json { Terminal.note("wrote \(url.path): \(written.charts) charts") }
        }
        print(json ? try comparison.jsonString() : comparison.text)
    }
}
