import LeptonCharts
@testable import LeptonReport

/// Small reports shared by the tests, with every kind of block.
enum ReportFixtures {
    static let script = "<script>alert(1)</script>"
    static let attribute = "\"><img src=x onerror=alert(1)>"

    static func chart(_ index: Int) -> Chart {
        let xs = (0..<20).map(Double.init)
        switch index % 6 {
        case 0: return .line(LineChart(title: "Line \(index)", series: [LineSeries("a", x: xs, y: xs.map { $0 * $0 })]))
        case 1: return .bar(BarChart(title: "Bar \(index)", categories: ["x", "y", "z"],
                                     series: [BarSeries("p", values: [1, 2, 3]), BarSeries("q", values: [2, 1, 2])], mode: .stacked))
        case 2: return .scatter(ScatterChart(title: "Scatter \(index)", points: xs.map { ScatterPoint(x: $0, y: sin($0), label: "p\(Int($0))") },
                                             paretoGoal: .minimizeXMaximizeY))
        case 3: return .histogram(HistogramChart(title: "Histogram \(index)", series: [SampleSeries("s", samples: xs.map { $0.squareRoot() })]))
        case 4: return .heatmap(HeatmapChart(title: "Heatmap \(index)", rowLabels: ["a", "b"], columnLabels: ["c", "d"], values: [[1, 2], [3, 4]]))
        default: return .gantt(GanttChart(title: "Gantt \(index)", rows: ["r1", "r2"],
                                          tasks: [GanttTask("t1", row: "r1", start: 0, end: 2), GanttTask("t2", row: "r2", start: 1, end: 3)]))
        }
    }

    static func hostile() -> Report {
        Report(title: "Title \(script)", subtitle: "Sub \(attribute)", blocks: [
            .markdown("Prose \(script) and \(attribute) and [click](javascript:alert(1)) and `\(script)`"),
            .section(ReportSection("Section \(script)", blocks: [
                .table(ReportTable(caption: "Caption \(attribute)", columns: ["Column \(script)", "n"],
                                   rows: [[TableCell("cell \(script)"), .number(1.5)], [TableCell("cell \(attribute)"), .number(2)]])),
                .metrics([MetricCard("Metric \(script)", value: 1, unit: attribute, baseline: 0.5, polarity: .higherIsBetter)]),
                .figure(ReportFigure(chart(0), caption: "Figure \(script)", alt: "Alt \(attribute)")),
                .claims([Claim("Claim \(script)", claimed: attribute, reproduced: script, verdict: .inconclusive, source: attribute)]),
                .environment(EnvironmentBlock([.init("Key \(script)", "Value \(attribute)")])),
            ])),
        ])
    }
}

import Foundation
