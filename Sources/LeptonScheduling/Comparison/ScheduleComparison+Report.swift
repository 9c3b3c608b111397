import Foundation
import LeptonCharts
import LeptonCore
import LeptonReport

extension ScheduleComparison {
    /// The HTML report of `lepton schedule --html`: the table of values, gaps and idle
    /// times, and a Gantt chart per schedule on one time axis.
    public func report() -> Report {
        let objectiveName = objective.name
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
                title: "\(entry.name): \(objectiveName) \(NumberFormat.significant(value(entry), 6))",
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

    /// Writes ``report()`` to `url`; returns how many charts it drew and libgd's warnings.
    public func writeReport(to url: URL) throws -> (charts: Int, warnings: [String]) {
        let rendered = try report().write(to: url)
        return (rendered.chartCount, rendered.warnings.map { "\($0)" })
    }
}
