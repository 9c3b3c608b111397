import Foundation
import LeptonLab
import LeptonScheduling

private let cloudTransfer = Parameter("cloud-transfer", default: 0.0, range: 0.0...1000.0, unit: "time units",
                                      help: "T_d of the cloud device, which 003's table lacks")
private let edgeOnlyRatio = Metric("makespan.ratio.edge-only", unit: "× optimum", polarity: .lowerIsBetter, exact: true)
private let withCloudRatio = Metric("makespan.ratio.with-cloud", unit: "× optimum", polarity: .lowerIsBetter, exact: true)
private let sumRatio = Metric("total-time.ratio", unit: "× optimum", polarity: .lowerIsBetter, exact: true)
private let loadCapacityCorrelation = Metric("load.capacity.correlation", exact: true)
/// Definitions of §4.1–4.2 (priority: 2, load: 2) whose values give every number §4.3 prints for that quantity.
private let matchingDefinitions = Metric("definitions.matching-4.3", unit: "definitions", exact: true)

/// 003 §4.3's allocation against every allocation (003-C8), and what L = C·R/T measures (003-C9).
let allocation003 = makeAllocation003(.published)

/// The allocation-003 experiment on a (possibly altered) 003 case.
func makeAllocation003(_ c: Source003Case) -> Experiment {
    Experiment(
        "allocation-003",
        title: "003 §4.3: is the printed allocation optimal, and what does its load measure?",
        summary: """
            003 says its allocation of 5 tasks to 4 devices "works well". This notebook enumerates every \
            allocation (3⁵ on the edge devices, 4⁵ with the cloud) under declared cost models and asks whether \
            003's allocation is optimal; and it checks whether 003's load L = C·R/T behaves as a load.
            """
    ) {
        cloudTransfer
        Profile("quick", help: "1,267 allocations; milliseconds")
        Markdown("""
            **Cost models** (ours, declared): task i on device j takes p_j = T_j + T_d(row j) (003's per-task \
            total); a device runs its tasks one after another. *Makespan* = max_j (tasks on j)·p_j; *total time* \
            = Σ_i p_(device of i) (no queueing). The cloud device has no transfer row: it is excluded \
            (edge-only) or given T_d = `cloud-transfer`. 003's allocation is an input; its optimality is computed.
            """)
        Cell("search") { ctx in
            try Allocation003Cells.search(ctx, c, cloudTransfer: ctx[cloudTransfer])
        }
        Cell("definitions") { ctx in
            ctx.record(matchingDefinitions, Double(Allocation003Cells.matchingDefinitions(c)))
        }
        Cell("load") { ctx in
            let loads = LoadModel.ratio.loads(capacity: c.capacity, remaining: c.remaining, executionTime: c.executionTime)
            ctx.record(loadCapacityCorrelation, SourceChecks.correlation(loads, c.capacity))
            let order = loads.indices.sorted { loads[$0] < loads[$1] }.map { "d\($0 + 1) (C = \(Int(c.capacity[$0])))" }
            ctx.note("L = C·R/T per device: \(loads.map { String(format: "%.0f", $0) }.joined(separator: ", ")); "
                     + "\"lowest load first\" takes \(order.joined(separator: " → ")).")
        }
        Claim(matchingDefinitions, expected: 2, interval: 2...4, source: "003-C2 (003 §4.1 vs §4.2)",
              claimed: "one definition each", provenance: .arithmetic(printed: "003 §4.1–4.3's formulas and tables"),
              statement: "§4.3 follows §4.1–4.2: of the 2 priority and 2 load definitions, one of each reproduces its numbers")
        Claim(edgeOnlyRatio, expected: 1, tolerance: 1e-9, source: "003-C8 (003 §4.3)", claimed: "good results (较好的效果)",
              provenance: .arithmetic(printed: "003 §4.3's execution and transfer times"),
              choices: [Choice("'works well' read as optimal makespan, tasks on one device run one after another")],
              statement: "003's allocation is optimal: its makespan ÷ the best of all 3⁵ edge allocations")
        Claim(withCloudRatio, expected: 1, tolerance: 1e-9, source: "003-C8 (003 §4.3)", claimed: "good results (较好的效果)",
              provenance: .arithmetic(printed: "003 §4.3's execution and transfer times"),
              choices: [Choice("'works well' read as optimal makespan, tasks on one device run one after another")],
              statement: "003's allocation is optimal: its makespan ÷ the best of all 4⁵ allocations (cloud included)")
        Claim(sumRatio, expected: 1, tolerance: 1e-9, source: "003-C8 (003 §4.3)", claimed: "good results (较好的效果)",
              provenance: .arithmetic(printed: "003 §4.3's execution and transfer times"),
              choices: [Choice("'works well' read as the lowest total time Σ p")],
              statement: "003's allocation is optimal: its total time Σ p ÷ the best of all 4⁵ allocations")
        Claim(loadCapacityCorrelation, expected: -1, interval: -1...0, source: "003-C9 (003 §4.1 vs §4.2)", claimed: "load falls as capacity grows",
              provenance: .arithmetic(printed: "003 §4.3's C, R, T per device and L = C·R/T"),
              statement: "§4.1: load is a burden (falls as capacity grows); §4.2: L = C·R/T (corr(L, C))")
    }
}

/// The allocation-003 cells' bodies.
enum Allocation003Cells {
    /// Enumerates every allocation under the three cost models and records 003's ratio to each optimum.
    static func search(_ ctx: CellContext, _ c: Source003Case, cloudTransfer: Double) throws {
        let devices = c.executionTime.indices
        let p = devices.map { j in c.executionTime[j] + (c.transfers.indices.contains(j) ? c.transfers[j].total : cloudTransfer) }
        let edge = devices.filter { c.kinds[$0] == .edge }
        let given = c.claimedAllocation.map { $0 - 1 }
        let tasks = given.count
        let edgeAll = SourceChecks.allAllocations(tasks: tasks, devices: edge)
        let all = SourceChecks.allAllocations(tasks: tasks, devices: Array(devices))
        let total = { (a: [Int]) in a.map { p[$0] }.reduce(0, +) }
        let bestEdge = edgeAll.map { SourceChecks.makespan($0, processing: p) }.min() ?? .nan
        let bestAll = all.map { SourceChecks.makespan($0, processing: p) }.min() ?? .nan
        let bestSum = all.map(total).min() ?? .nan
        let mine = SourceChecks.makespan(given, processing: p)
        ctx.record(edgeOnlyRatio, mine / bestEdge)
        ctx.record(withCloudRatio, mine / bestAll)
        ctx.record(sumRatio, total(given) / bestSum)
        let optimaEdge = edgeAll.filter { SourceChecks.makespan($0, processing: p) == bestEdge }.count
        ctx.table("003's allocation against every allocation", columns: ["Cost model", "003's value", "Optimum", "Ratio", "Allocations (optimal)"], rows: [
            ["makespan, edge only", fmt(mine), fmt(bestEdge), fmt(mine / bestEdge), "\(edgeAll.count) (\(optimaEdge))"],
            ["makespan, cloud T_d = \(fmt(cloudTransfer))", fmt(mine), fmt(bestAll), fmt(mine / bestAll), "\(all.count)"],
            ["total time Σ p", fmt(total(given)), fmt(bestSum), fmt(total(given) / bestSum), "\(all.count)"],
        ])
        ctx.note("p_j = T_j + T_d(j) = \(p.map(fmt).joined(separator: ", ")) for devices 1–\(p.count); "
                 + "003's allocation \(c.claimedAllocation.map { "d\($0)" }.joined(separator: " ")).")
    }

    /// How many of the priority and load definitions reproduce all of §4.3's printed values
    /// (each within half a unit of its last printed digit).
    static func matchingDefinitions(_ c: Source003Case) -> Int {
        func matches(_ values: [Double], _ printed: [String]) -> Bool {
            values.count == printed.count && zip(values, printed).allSatisfy { v, text in
                let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
                return abs(v - (Double(text) ?? .nan)) <= 0.5 / pow(10, Double(decimals))
            }
        }
        let priorities = PriorityModel.allCases.filter { m in
            matches(m.priorities(importance: c.importance, urgency: c.urgency, satisfaction: c.satisfaction), c.claimedPriorities)
        }
        let loads = LoadModel.allCases.filter { m in
            matches(m.loads(capacity: c.capacity, remaining: c.remaining, executionTime: c.executionTime), c.claimedLoads)
        }
        return priorities.count + loads.count
    }

    private static func fmt(_ v: Double) -> String { String(format: "%.4g", v) }
}
