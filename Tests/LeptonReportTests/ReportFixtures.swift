import Foundation
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
                .claims([ClaimRow("Claim \(script)", claimed: attribute, reproduced: script, verdict: .inconclusive, source: attribute)]),
                .environment(EnvironmentBlock([.init("Key \(script)", "Value \(attribute)")])),
            ])),
        ])
    }

    /// 300 characters with few break opportunities, as a careless label would be.
    static let long = String(repeating: "very_long_label-", count: 18) + String(repeating: "x", count: 12)

    /// A report for every reader: Chinese text, an emoji, hostile markup and 300-character
    /// strings in the title, legend, axis, table cells, claims, caption and environment.
    static func readers(language: ReportLanguage = .en) -> Report {
        let chinese = Chart.line(LineChart(title: "准确率与训练轮次", series: [
            LineSeries("训练集", x: [1, 2, 3, 4, 5], y: [0.52, 0.81, 0.90, 0.93, 0.95]),
            LineSeries(long, x: [1, 2, 3, 4, 5], y: [0.50, 0.75, 0.86, 0.90, 0.91]),
            LineSeries("螃蟹 🦀 😀 \(script)", x: [1, 2, 3, 4, 5], y: [0.3, 0.4, 0.5, 0.55, 0.6]),
        ], xAxis: Axis("轮次"), yAxis: Axis("准确率")))
        let claims = [ClaimRow("测试准确率 " + long, claimed: "0.98", reproduced: "0.95", verdict: .notReproduced, source: "003 §5.4"),
                      ClaimRow("Latency \(script)", claimed: attribute, reproduced: "12 ms", verdict: .reproduced, source: long)]
        let rows: [[TableCell]] = (0..<20).map { index in
            [TableCell(index == 3 ? long : "行 \(index) \(script)"), .number(Double(index) * 1.5), TableCell(index == 5 ? long : attribute)]
        }
        return Report(title: "报告：" + long, subtitle: "seed 42 · \(attribute)", blocks: [
            .findings(Findings(question: "以更少的轮次能否达到 **0.98**？ " + long, claims: claims,
                               metrics: [MetricCard("准确率", value: 0.95, baseline: 0.9, polarity: .higherIsBetter),
                                         MetricCard(long, value: 12, unit: "ms")],
                               figure: ReportFigure(chinese, caption: "图 1：" + long, alt: "准确率 " + attribute))),
            .markdown("Prose \(script) " + long),
            .section(ReportSection("Claims", blocks: [.claims(claims)])),
            .section(ReportSection("Cells " + long, blocks: [
                .table(ReportTable(caption: "Cells " + long, columns: ["名称 " + long, "n", "note"], rows: rows)),
                .table(ReportTable(caption: "Short", columns: ["a", "b"], rows: [[TableCell(long), TableCell("b")]])),
            ])),
            .environment(EnvironmentBlock([.init(long, long), .init("CPU", "AMD EPYC")])),
        ], language: language)
    }

    /// A report whose only image is not a PNG: a browser must show it as broken.
    static func brokenImage() -> Report {
        Report(title: "Broken image fixture", blocks: [
            .image(ReportImage(png: Array("this is not a PNG".utf8), width: 200, height: 100, alt: "deliberately broken")),
        ])
    }
}
