import ArgumentParser
import Foundation
import LeptonCharts
import LeptonCore
import LeptonInput
import LeptonReport
import LeptonScheduling

/// `lepton schedule FILE.json`: every heuristic and the proven optimum for a user's instance.
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
    @Option(help: "Objective: makespan, weighted-completion or mean-latency.")
    var objective = "makespan"
    @Option(help: "Write an HTML report with a Gantt chart per schedule to this file.")
    var html: String?
    @Option(help: "Stop the exact search after this many nodes (the result is then a bound, not proven).")
    var nodeLimit = 50_000_000
    @Option(help: "Stop the exact search after this many seconds (the result is then a bound, not proven).")
    var timeLimit = 60.0
    @Flag(help: "Print one JSON object on standard output.")
    var json = false

    static let objectives: [String: Objective] = [
        "makespan": .makespan, "weighted-completion": .weightedCompletionTime, "mean-latency": .meanLatency,
    ]

    func validate() throws {
        guard Self.objectives[objective] != nil else {
            throw ValidationError("unknown objective '\(objective)'; use one of makespan, weighted-completion, mean-latency")
        }
        guard nodeLimit >= 1 else { throw ValidationError("--node-limit must be at least 1, got \(nodeLimit)") }
        guard timeLimit.isFinite, timeLimit > 0 else {
            throw ValidationError("--time-limit must be a positive number of seconds, got \(timeLimit)")
        }
        if let html, !html.hasSuffix(".html") { throw ValidationError("--html needs a file name ending in .html, got '\(html)'") }
    }

    func run() throws {
        // Messages name the file as the user typed it (`x.json:4:45: …`), as a compiler does.
        let data: Data
        do { data = try CheckedJSON.read(URL(fileURLWithPath: file), file: file) } catch { throw SchedulingError.input(error) }
        let instance = try SchedulingInstance(json: data, source: file)
        let goal = Self.objectives[objective] ?? .makespan
        let exact = try ExactSolver(nodeLimit: nodeLimit, timeLimit: Seconds(timeLimit)).solve(instance, objective: goal)
        var entries = Heuristic.allCases.map { ScheduleEntry(name: Self.label($0), schedule: $0.schedule(instance)) }
        entries.append(ScheduleEntry(name: exact.provenOptimal ? "optimum" : "best found", schedule: exact.schedule))
        let result = ScheduleResult(instance: instance, objective: goal, objectiveName: objective, entries: entries, exact: exact)
        if let html {
            let url = URL(fileURLWithPath: html)
            let rendered = try result.report().write(to: url)
            for warning in rendered.warnings { Terminal.note("warning: \(warning)") }
            if !json { Terminal.note("wrote \(url.path): \(rendered.chartCount) charts") }
        }
        print(json ? try result.jsonString() : result.text)
    }

    static func label(_ heuristic: Heuristic) -> String {
        switch heuristic {
        case .greedy: return "greedy"
        case .minMin: return "min-min"
        case .maxMin: return "max-min"
        case .heft: return "heft"
        }
    }
}

/// One named schedule.
struct ScheduleEntry {
    let name: String
    let schedule: Schedule
}

/// Every schedule of one instance with values and gaps, as text, JSON or an HTML report.
struct ScheduleResult {
    let instance: SchedulingInstance
    let objective: Objective
    let objectiveName: String
    let entries: [ScheduleEntry]
    let exact: ExactSolution

    func value(_ entry: ScheduleEntry) -> Double { objective.value(of: entry.schedule, in: instance) }

    /// value / optimum − 1 (relative to the best found when not proven).
    func gap(_ entry: ScheduleEntry) -> Double { exact.value > 0 ? value(entry) / exact.value - 1 : 0 }

    /// Idle seconds on the devices between their first start and last finish.
    func idle(_ schedule: Schedule) -> Double {
        instance.devices.indices.reduce(0.0) { total, d in
            let jobs = schedule.jobs(on: d)
            return total + zip(jobs, jobs.dropFirst()).reduce(0.0) { $0 + max(0, $1.1.start - $1.0.finish) }
        }
    }

    var proof: String {
        let ms = exact.elapsed.value * 1000
        return exact.provenOptimal
            ? String(format: "proven optimal: %d nodes, %.1f ms", exact.nodes, ms)
            : String(format: "bound, not proven: a search limit stopped it after %d nodes (%.1f ms); best %.6g, lower bound %.6g, "
                     + "gap %.2f%%; gaps below are to the best schedule found", exact.nodes, ms, exact.value, exact.lowerBound, 100 * exact.gap)
    }

    var text: String {
        var lines = ["\(instance.name): \(instance.jobs.count) jobs, \(instance.devices.count) devices, \(instance.edges.count) edges; "
                     + "objective \(objectiveName); \(proof)"]
        lines.append("schedule      \(objectiveName.padding(toLength: 12, withPad: " ", startingAt: 0))  gap to optimum  idle (s)")
        for entry in entries {
            lines.append(entry.name.padding(toLength: 12, withPad: " ", startingAt: 0)
                + String(format: "  %12.6g  %+13.2f%%  %8.4g", value(entry), 100 * gap(entry), idle(entry.schedule)))
        }
        for entry in entries {
            lines.append("\(entry.name):")
            for d in instance.devices.indices {
                let jobs = entry.schedule.jobs(on: d).map {
                    String(format: "%@ [%.4g–%.4g]", instance.jobs[$0.job].name, $0.start, $0.finish)
                }
                lines.append("  \(instance.devices[d].name): " + (jobs.isEmpty ? "idle" : jobs.joined(separator: " ")))
            }
        }
        return lines.joined(separator: "\n")
    }

    func jsonString() throws -> String {
        let object: [String: Any] = [
            "instance": instance.name, "jobs": instance.jobs.count, "devices": instance.devices.map(\.name),
            "edges": instance.edges.count, "objective": objectiveName,
            "optimum": ["value": exact.value, "proven": exact.provenOptimal, "status": exact.status, "nodes": exact.nodes,
                        "lower_bound": exact.lowerBound, "gap": exact.gap,
                        "milliseconds": exact.elapsed.value * 1000, "initial_upper_bound": exact.initialUpperBound],
            "schedules": entries.map { entry -> [String: Any] in
                ["name": entry.name, "value": value(entry), "makespan": entry.schedule.makespan, "gap": gap(entry),
                 "idle": idle(entry.schedule),
                 "placements": entry.schedule.placements.map {
                     ["job": instance.jobs[$0.job].name, "device": instance.devices[$0.device].name, "start": $0.start, "finish": $0.finish]
                 }]
            },
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    func report() -> Report {
        let rows = instance.devices.map(\.name)
        let horizon = entries.map(\.schedule.makespan).max() ?? 1
        let table = ReportTable(caption: "Each schedule's \(objectiveName), its gap to the optimum and the devices' idle time between jobs.",
                                columns: ["schedule", objectiveName, "gap to optimum", "makespan (s)", "idle (s)"],
                                rows: entries.map { e in
                                    [TableCell(e.name), .number(value(e)), .number(100 * gap(e), decimals: 2, unit: "%"),
                                     .number(e.schedule.makespan), .number(idle(e.schedule))]
                                })
        var blocks: [ReportBlock] = [
            .markdown("\(instance.jobs.count) jobs on \(instance.devices.count) devices with \(instance.edges.count) dependencies. "
                      + "Exact solver: \(proof)."),
            .table(table),
        ]
        for entry in entries {
            blocks.append(.figure(ReportFigure(.gantt(GanttChart(
                title: String(format: "%@: %@ %.6g", entry.name, objectiveName, value(entry)),
                rows: rows,
                tasks: entry.schedule.placements.map {
                    GanttTask(instance.jobs[$0.job].name, row: rows[$0.device], start: $0.start, end: $0.finish,
                              category: instance.jobs[$0.job].name)
                },
                timeAxis: Axis("Time", unit: "s", minimum: 0, maximum: horizon))),
                caption: "\(entry.name): each bar is a job from its start to its finish on its device (same time axis in every chart).")))
        }
        return Report(title: "Schedules for \(instance.name)", subtitle: "lepton schedule, objective \(objectiveName)",
                      blocks: [.section(ReportSection("Schedules", blocks: blocks))])
    }
}
