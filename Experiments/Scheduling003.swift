import Foundation
import LeptonCharts
import LeptonLab
import LeptonScheduling

/// 003 §4.3's worked case. Cells read only its inputs (and, in the one place that says so,
/// its allocation as an input); its claimed numbers appear only in the `Claim`s below.
private let case003 = Source003Case.published

private let cloudTransfer = Parameter("cloud-transfer", default: 0.0, range: 0.0...1000.0, unit: "time units",
                                      help: "transfer time T_d of the cloud device, which 003's table lacks (schedule comparison only)")
private let nodeLimit = Parameter("node-limit", default: 1_000_000, range: 1_000...100_000_000,
                                  help: "branch-and-bound nodes before the exact solver gives up proving optimality")

/// Per task ("priority.task1"): P_i by the weighted-sum form.
private let priority = Metric("priority")
/// Per task ("priority.product.task1"): P_i by the product form A·B·C.
private let priorityProduct = Metric("priority.product")
/// Per device ("load.device1"): L_j = C·R/T.
private let load = Metric("load")
/// Per device ("load.weighted-sum.device1"): our reading of the normalised weighted-sum form.
private let loadWeightedSum = Metric("load.weighted-sum")
/// Per transfer row ("transfer.time1", the member "time1" of the family "transfer"): T_d = T_p + T_s + T_r.
private let transfer = Metric("transfer", unit: "time units")
/// Per reading and task ("allocation.rankPairing.task1"): the device number.
private let allocatedDevice = Metric("allocation", unit: "device")
/// Per task ("total.task1"): T_j + T_d under the rank-pairing allocation.
private let total = Metric("total", unit: "time units")
/// Per task: T_j + T_d under 003's printed allocation, taken as an input.
private let totalGiven003 = Metric("total.given-003-allocation", unit: "time units")
private let optimumProven = Metric("optimum.proven")
/// Per schedule ("schedule.003.makespan").
private let scheduleMakespan = Metric("schedule", unit: "time units", polarity: .lowerIsBetter)
/// Per schedule ("schedule.003.weighted-completion"): Σ P_i·C_i.
private let scheduleWeighted = Metric("schedule", polarity: .lowerIsBetter)

/// SEEDS.md 003 §4.3: every claimed number recomputed from the case's inputs, then 003's
/// allocation set against the classic heuristics and the proven optimum.
let scheduling003 = Experiment(
    "scheduling-003",
    title: "003 §4.3's scheduling example, recomputed",
    summary: """
        Source document 003 works one example: 5 tasks with importance, urgency and satisfaction \
        scores, 3 edge devices and 1 cloud device, and 3 staged transfers. It states priority, load \
        and transfer-time formulas (§4.1–4.2), prints the resulting numbers, an allocation and per-task \
        totals (§4.3). This notebook recomputes each number from the inputs with the formulas as stated, \
        lets the runner judge every printed number as a claim, and compares 003's allocation with \
        list-scheduling heuristics and the proven optimum.
        """
) {
    cloudTransfer
    nodeLimit
    Profile("quick", nodeLimit(1_000_000), help: "the case is tiny: everything, in well under a second")
    Profile("full", nodeLimit(50_000_000), help: "the same computation with the solver's default node limit")

    Markdown("""
        **Question.** Do the numbers 003 §4.3 prints follow from its inputs and its own formulas, and \
        how good is its allocation as a schedule?

        **Method.** The inputs (the task, device and transfer tables) are typed in once, in \
        `Source003Case.published`; the formulas are those of 003 §4.1–4.2 as written:

        | quantity | formula (003 §4.1–4.2) | metric |
        |---|---|---|
        | priority | P_i = w1·A_i + w2·B_i + w3·C_i with w1 = 1/ΣA, w2 = 1/ΣB, w3 = 1/ΣC | `priority.taskI` |
        | priority (earlier product form) | P_i = A_i·B_i·C_i | `priority.product.taskI` |
        | load | L_j = C_j·R_j / T_j | `load.deviceJ` |
        | load (our reading of the "normalised weighted-sum form") | L_j = C_j/ΣC + R_j/ΣR + T_j/ΣT | `load.weighted-sum.deviceJ` |
        | transfer time | T_d = T_p + T_s + T_r | `transfer.timeK` |
        | allocation, "lowest load first, highest priority first" | four precise readings (below) | `allocation.READING.taskI` = device number |
        | per-task total | T_j of the task's device + T_d of transfer row j | `total.taskI` |

        Every printed number of 003 §4.3 is a `Claim` on the metric computed from it, with a tolerance of \
        half a unit of its last printed digit (2.4 ± 0.05, 1.75 ± 0.005, 18 ± 0.5; device numbers exactly). \
        The runner gives each a verdict; the cells never see the claimed numbers.

        The allocation rule is ambiguous, so it is computed under four readings, each taking tasks by \
        decreasing priority (ties: lower number first): **rankPairing** (the k-th task goes to the k-th device \
        by increasing load, wrapping round), **leastLoadedWithUpdate** (the least-loaded device, whose load \
        then grows by its base load), **leastBusy** (the device with the least accumulated execution time) and \
        **loadAsSpareCapacity** (rank pairing with devices by *decreasing* C·R/T, since that value grows with \
        capacity). The totals are computed twice: under the rank-pairing allocation the formulas give \
        (`total.taskI`; a task on the cloud device has no transfer row, so its total is not recorded and \
        its claim is inconclusive), and taking 003's printed allocation as an input \
        (`total.given-003-allocation.taskI`), which checks only the addition.

        **Reading the charts.** The bar charts put each computed value next to the claim; the Gantt charts \
        show each schedule's tasks on the four devices over time; the last bar chart gives each schedule's \
        makespan and priority-weighted completion time as a ratio to the optimum (1 = optimal).
        """)

    Cell("formulas") { ctx in
        let priorities = PriorityModel.normalisedWeightedSum.priorities(
            importance: case003.importance, urgency: case003.urgency, satisfaction: case003.satisfaction)
        let products = PriorityModel.product.priorities(
            importance: case003.importance, urgency: case003.urgency, satisfaction: case003.satisfaction)
        let loads = LoadModel.ratio.loads(capacity: case003.capacity, remaining: case003.remaining,
                                          executionTime: case003.executionTime)
        let weightedLoads = LoadModel.normalisedWeightedSum.loads(capacity: case003.capacity, remaining: case003.remaining,
                                                                  executionTime: case003.executionTime)
        for (i, p) in priorities.enumerated() { ctx.record(priority["task\(i + 1)"], p) }
        for (i, p) in products.enumerated() { ctx.record(priorityProduct["task\(i + 1)"], p) }
        for (j, l) in loads.enumerated() { ctx.record(load["device\(j + 1)"], l) }
        for (j, l) in weightedLoads.enumerated() { ctx.record(loadWeightedSum["device\(j + 1)"], l) }
        for (k, t) in case003.transfers.enumerated() { ctx.record(transfer["time\(k + 1)"], t.total) }

        ctx.table("Tasks: inputs and computed priorities",
                  columns: ["Task", "A (importance)", "B (urgency)", "C (satisfaction)", "P weighted sum", "P product"],
                  rows: priorities.indices.map { i in
                      ["\(i + 1)", number(case003.importance[i]), number(case003.urgency[i]), number(case003.satisfaction[i]),
                       number(priorities[i]), number(products[i])]
                  })
        ctx.table("Devices: inputs and computed loads",
                  columns: ["Device", "Kind", "C (capacity)", "R (remaining)", "T (exec time)", "L = C·R/T", "L weighted sum"],
                  rows: loads.indices.map { j in
                      ["\(j + 1)", case003.kinds[j].rawValue, number(case003.capacity[j]), number(case003.remaining[j]),
                       number(case003.executionTime[j]), number(loads[j]), number(weightedLoads[j])]
                  })
        ctx.table("Transfers: stages and T_d",
                  columns: ["Transfer", "T_p", "T_s", "T_r", "T_d = T_p + T_s + T_r"],
                  rows: case003.transfers.enumerated().map { k, t in
                      ["\(k + 1)", number(t.packing), number(t.sending), number(t.unpacking), number(t.total)]
                  })
        let tasks = priorities.indices.map { "task \($0 + 1)" }
        try ctx.chart(.bar(BarChart(
            title: "Priority per task, computed by the stated formula",
            categories: tasks, series: [BarSeries("P = A/ΣA + B/ΣB + C/ΣC", values: priorities)],
            valueAxis: Axis("Priority", minimum: 0), categoryTitle: "Task")),
            caption: "The weighted-sum priorities of 003 §4.1 (the product form A·B·C is in the table; it is 1–60). "
                + "The claims table below judges each value against 003 §4.3's printed one.")
        try ctx.chart(.bar(BarChart(
            title: "Load per device, computed by the stated formula",
            categories: loads.indices.map { "device \($0 + 1)" },
            series: [BarSeries("L = C·R/T", values: loads)],
            valueAxis: Axis("Load", minimum: 0), categoryTitle: "Device")),
            caption: "L_j = C_j·R_j/T_j grows with capacity, so the cloud device (4) has the largest value; "
                + "003 §4.3 prints values between 1.4 and 2.5 with the cloud device lowest.")
    }

    Cell("allocation") { ctx in
        let priorities = PriorityModel.normalisedWeightedSum.priorities(
            importance: case003.importance, urgency: case003.urgency, satisfaction: case003.satisfaction)
        let loads = LoadModel.ratio.loads(capacity: case003.capacity, remaining: case003.remaining,
                                          executionTime: case003.executionTime)
        var rows: [[String]] = []
        for reading in AllocationReading.allCases {
            let allocation = reading.allocate(priorities: priorities, loads: loads, executionTimes: case003.executionTime)
            for (i, device) in allocation.enumerated() {
                ctx.record(allocatedDevice[reading.rawValue]["task\(i + 1)"], Double(device + 1))
            }
            rows.append([reading.rawValue, "weighted sum", "C·R/T"] + allocation.map { "d\($0 + 1)" })
        }
        // The other formula pairs, for the table only (no claims: 003 states one pair).
        for priorityModel in PriorityModel.allCases {
            for loadModel in LoadModel.allCases where !(priorityModel == .normalisedWeightedSum && loadModel == .ratio) {
                let p = priorityModel.priorities(importance: case003.importance, urgency: case003.urgency,
                                                 satisfaction: case003.satisfaction)
                let l = loadModel.loads(capacity: case003.capacity, remaining: case003.remaining,
                                        executionTime: case003.executionTime)
                for reading in AllocationReading.allCases {
                    let allocation = reading.allocate(priorities: p, loads: l, executionTimes: case003.executionTime)
                    rows.append([reading.rawValue, priorityModel == .product ? "product" : "weighted sum",
                                 loadModel == .ratio ? "C·R/T" : "weighted sum"] + allocation.map { "d\($0 + 1)" })
                }
            }
        }
        ctx.table("Allocation under every reading of the rule (first four rows: the stated formulas, judged below)",
                  columns: ["Reading", "Priority form", "Load form"] + priorities.indices.map { "Task \($0 + 1)" },
                  rows: rows)
    }

    Cell("totals") { ctx in
        let priorities = PriorityModel.normalisedWeightedSum.priorities(
            importance: case003.importance, urgency: case003.urgency, satisfaction: case003.satisfaction)
        let loads = LoadModel.ratio.loads(capacity: case003.capacity, remaining: case003.remaining,
                                          executionTime: case003.executionTime)
        let rule = AllocationReading.rankPairing.allocate(priorities: priorities, loads: loads,
                                                          executionTimes: case003.executionTime)
        // 003's printed allocation, used here as an input: this checks only T_j + T_d.
        let given = case003.claimedAllocation.map { $0 - 1 }
        var rows: [[String]] = []
        for task in rule.indices {
            let ruleTotal = taskTotal(device: rule[task])
            if let ruleTotal { ctx.record(total["task\(task + 1)"], ruleTotal) }
            let givenTotal = given.indices.contains(task) ? taskTotal(device: given[task]) : nil
            if let givenTotal { ctx.record(totalGiven003["task\(task + 1)"], givenTotal) }
            rows.append(["\(task + 1)", "d\(rule[task] + 1)", ruleTotal.map(number) ?? "not computable (no transfer row)",
                         given.indices.contains(task) ? "d\(given[task] + 1)" : "—", givenTotal.map(number) ?? "—"])
        }
        ctx.table("Per-task total T_j + T_d (row j)",
                  columns: ["Task", "Device (rank pairing)", "Total", "Device (003's allocation, as input)", "Total"],
                  rows: rows)
    }

    Cell("schedules") { ctx in
        let cloudTransfer = try ctx[cloudTransfer]
        let solver = ExactSolver(nodeLimit: try ctx[nodeLimit])
        let priorities = PriorityModel.normalisedWeightedSum.priorities(
            importance: case003.importance, urgency: case003.urgency, satisfaction: case003.satisfaction)
        let loads = LoadModel.ratio.loads(capacity: case003.capacity, remaining: case003.remaining,
                                          executionTime: case003.executionTime)
        let instance = try instance003(priorities: priorities, cloudTransfer: cloudTransfer)
        let rule = AllocationReading.rankPairing.allocate(priorities: priorities, loads: loads,
                                                          executionTimes: case003.executionTime)
        var schedules: [(name: String, key: String, schedule: Schedule)] = [
            ("003 §4.3 allocation", "003", sequence(case003.claimedAllocation.map { $0 - 1 }, priorities: priorities, in: instance)),
            ("rule on the formulas (rank pairing)", "rule", sequence(rule, priorities: priorities, in: instance)),
        ]
        for heuristic in Heuristic.allCases {
            schedules.append((heuristic.name, heuristic.rawValue, heuristic.schedule(instance)))
        }
        let bestMakespan = try solver.solve(instance, objective: .makespan)
        let bestWeighted = try solver.solve(instance, objective: .weightedCompletionTime)
        schedules.append(("optimum, makespan", "optimum-makespan", bestMakespan.schedule))
        schedules.append(("optimum, Σ P·C", "optimum-weighted", bestWeighted.schedule))
        ctx.record(optimumProven, bestMakespan.provenOptimal && bestWeighted.provenOptimal ? 1 : 0)

        var rows: [[String]] = []
        var makespanRatios: [Double] = []
        var weightedRatios: [Double] = []
        for entry in schedules {
            let problems = entry.schedule.violations(in: instance)
            guard problems.isEmpty else {
                throw SchedulingError.invalidParameter(name: "schedule '\(entry.name)'", found: problems.joined(separator: "; "),
                                                       expected: "a valid schedule of the 003 instance")
            }
            let makespan = Objective.makespan.value(of: entry.schedule, in: instance)
            let weighted = Objective.weightedCompletionTime.value(of: entry.schedule, in: instance)
            ctx.record(scheduleMakespan[entry.key]["makespan"], makespan)
            ctx.record(scheduleWeighted[entry.key]["weighted-completion"], weighted)
            makespanRatios.append(makespan / bestMakespan.value)
            weightedRatios.append(weighted / bestWeighted.value)
            rows.append([entry.name, entry.schedule.assignment.map { "d\($0 + 1)" }.joined(separator: " "),
                         number(makespan), number(makespan / bestMakespan.value),
                         number(weighted), number(weighted / bestWeighted.value)])
        }
        ctx.table("Schedules of the 003 instance on both objectives",
                  columns: ["Schedule", "Devices of tasks 1–5", "Makespan", "÷ optimum", "Σ P_i·C_i", "÷ optimum"],
                  rows: rows)
        ctx.note("""
            The schedule comparison runs the five tasks on one device at a time each: processing time of task i \
            on device j = T_j + T_d of transfer row j (003's per-task total), \(number(cloudTransfer)) for the \
            cloud's missing transfer row (parameter `cloud-transfer`). Schedules built from an allocation run \
            each device's tasks by decreasing priority. "003's own objective" is read as the priority-weighted \
            completion time Σ P_i·C_i with the weighted-sum priorities (high-priority tasks should finish first); \
            makespan is the time the last task finishes. Optimum: branch and bound, \
            \(bestMakespan.provenOptimal && bestWeighted.provenOptimal ? "proven optimal" : "NOT proven within the node limit") \
            (\(bestMakespan.nodes) and \(bestWeighted.nodes) nodes).
            """)

        let rowNames = case003.kinds.enumerated().map { "d\($0.offset + 1) (\($0.element.rawValue))" }
        let horizon = schedules.map(\.schedule.makespan).max() ?? 1
        let panels: [Chart] = schedules.map { entry in
            .gantt(GanttChart(
                title: "\(entry.name): makespan \(number(entry.schedule.makespan))",
                rows: rowNames,
                tasks: entry.schedule.placements.map {
                    GanttTask("t\($0.job + 1)", row: rowNames[$0.device], start: $0.start, end: $0.finish, category: "task \($0.job + 1)")
                },
                timeAxis: Axis("Time", unit: "003 units", minimum: 0, maximum: horizon)))
        }
        try ctx.chart(.smallMultiples(SmallMultiples(
            title: "Each schedule on the four devices", panels: panels, columns: 2,
            panelSize: ChartSize(width: 460, height: 230))),
            caption: "One panel per schedule, same time axis; each bar is a task (colour = task) from its start to its finish.")
        try ctx.chart(.bar(BarChart(
            title: "Schedules relative to the optimum",
            categories: schedules.map { $0.key.replacingOccurrences(of: "optimum-makespan", with: "opt. Cmax")
                .replacingOccurrences(of: "optimum-weighted", with: "opt. ΣPC") },
            series: [BarSeries("makespan ÷ optimum", values: makespanRatios),
                     BarSeries("Σ P·C ÷ optimum", values: weightedRatios)],
            valueAxis: Axis("Ratio to the optimum", minimum: 0), categoryTitle: "Schedule",
            size: ChartSize(width: 760, height: 360))),
            caption: "1 is optimal. '003' is 003 §4.3's allocation; 'rule' is the rank-pairing rule on the formulas' values; "
                + "'opt. Cmax' and 'opt. ΣPC' are the optima of the two objectives.")
    }

    // Claims: 003 §4.3's printed numbers, one per number (tolerance: half a unit of the last printed digit).
    for (i, text) in case003.claimedPriorities.enumerated() {
        Claim(priority["task\(i + 1)"], expected: printed(text), tolerance: halfUnit(text), source: "003-C3 (003 §4.3)", claimed: text,
              provenance: .arithmetic(printed: "003 §4.3's task attributes and weights"),
              statement: "P_\(i + 1) = \(text) (weighted-sum form)")
    }
    for (i, text) in case003.claimedPriorities.enumerated() {
        Claim(priorityProduct["task\(i + 1)"], expected: printed(text), tolerance: halfUnit(text), source: "003-C3 (003 §4.3)", claimed: text,
              provenance: .arithmetic(printed: "003 §4.3's task attributes and weights"),
              statement: "P_\(i + 1) = \(text) (product form A·B·C)")
    }
    for (j, text) in case003.claimedLoads.enumerated() {
        Claim(load["device\(j + 1)"], expected: printed(text), tolerance: halfUnit(text), source: "003-C4 (003 §4.3)", claimed: text,
              provenance: .arithmetic(printed: "003 §4.3's device C, R, T"),
              statement: "L_\(j + 1) = \(text) (C·R/T)")
    }
    for (j, text) in case003.claimedLoads.enumerated() {
        Claim(loadWeightedSum["device\(j + 1)"], expected: printed(text), tolerance: halfUnit(text), source: "003-C4 (003 §4.3)", claimed: text,
              provenance: .arithmetic(printed: "003 §4.3's device C, R, T"),
              statement: "L_\(j + 1) = \(text) (weighted-sum reading)")
    }
    for (k, text) in case003.claimedTransferTimes.enumerated() {
        Claim(transfer["time\(k + 1)"], expected: printed(text), tolerance: halfUnit(text), source: "003-C5 (003 §4.3)", claimed: text,
              provenance: .arithmetic(printed: "003 §4.3's T_p, T_s, T_r"),
              statement: "T_d of transfer \(k + 1) = \(text)")
    }
    for reading in AllocationReading.allCases {
        for (i, device) in case003.claimedAllocation.enumerated() {
            Claim(allocatedDevice[reading.rawValue]["task\(i + 1)"], expected: Double(device), tolerance: 0, source: "003-C6 (003 §4.3)", claimed: "device \(device)",
                  provenance: .arithmetic(printed: "003 §4.3's priorities, loads and stated rule"),
                  statement: "task \(i + 1) → device \(device) (\(reading.rawValue))")
        }
    }
    // Only tasks whose rank-pairing device has a transfer row in 003's table have a total to
    // compare (the cell's table says "not computable" for the others).
    for (i, text) in case003.claimedTotals.enumerated() where rankPairingTotalIsComputable(task: i) {
        Claim(total["task\(i + 1)"], expected: printed(text), tolerance: halfUnit(text), source: "003-C7 (003 §4.3)", claimed: text,
              provenance: .arithmetic(printed: "003 §4.3's execution and transfer times"),
              statement: "total of task \(i + 1) = \(text) (rank-pairing allocation)")
    }
    for (i, text) in case003.claimedTotals.enumerated() {
        Claim(totalGiven003["task\(i + 1)"], expected: printed(text), tolerance: halfUnit(text), source: "003-C7 (003 §4.3)", claimed: text,
              provenance: .arithmetic(printed: "003 §4.3's execution and transfer times"),
              statement: "total of task \(i + 1) = \(text) (003's allocation as input)")
    }
}

/// A printed number as a value (NaN if the text is not a number, which makes its claim fail visibly).
private func printed(_ text: String) -> Double { Double(text) ?? .nan }

/// Half a unit of a printed number's last digit: "2.4" → 0.05, "1.75" → 0.005, "18" → 0.5.
private func halfUnit(_ text: String) -> Double {
    let decimals = text.split(separator: ".").dropFirst().first?.count ?? 0
    return 0.5 / pow(10, Double(decimals))
}

/// T_j of `device` + T_d of transfer row `device`; nil when the device has no transfer row (the cloud).
/// Whether the rank-pairing allocation puts `task` on a device whose total 003's tables give.
private func rankPairingTotalIsComputable(task: Int) -> Bool {
    let priorities = PriorityModel.normalisedWeightedSum.priorities(
        importance: case003.importance, urgency: case003.urgency, satisfaction: case003.satisfaction)
    let loads = LoadModel.ratio.loads(capacity: case003.capacity, remaining: case003.remaining, executionTime: case003.executionTime)
    let rule = AllocationReading.rankPairing.allocate(priorities: priorities, loads: loads, executionTimes: case003.executionTime)
    return rule.indices.contains(task) && taskTotal(device: rule[task]) != nil
}

private func taskTotal(device: Int) -> Double? {
    guard case003.executionTime.indices.contains(device), case003.transfers.indices.contains(device) else { return nil }
    return case003.executionTime[device] + case003.transfers[device].total
}

/// The 003 case as a scheduling instance: p_ij = T_j + T_d(row j) (`cloudTransfer` for a device
/// without a row), weights = priorities.
private func instance003(priorities: [Double], cloudTransfer: Double) throws(SchedulingError) -> SchedulingInstance {
    let devices = case003.kinds.enumerated().map { Device(name: "d\($0.offset + 1)", kind: $0.element, speed: 1) }
    let jobs = priorities.enumerated().map { Job(name: "t\($0.offset + 1)", work: 1, weight: $0.element) }
    let processing = case003.executionTime.indices.map { j in
        case003.executionTime[j] + (case003.transfers.indices.contains(j) ? case003.transfers[j].total : cloudTransfer)
    }
    return try SchedulingInstance(name: "003 §4.3", devices: devices, jobs: jobs,
                                  executionTimes: jobs.map { _ in processing })
}

/// A schedule from an allocation: each device runs its tasks back to back by decreasing priority (ties: lower task first).
private func sequence(_ allocation: [Int], priorities: [Double], in instance: SchedulingInstance) -> Schedule {
    var free = Array(repeating: 0.0, count: instance.devices.count)
    var placements: [ScheduledJob] = allocation.indices.map { ScheduledJob(job: $0, device: allocation[$0], start: 0, finish: 0) }
    let order = priorities.indices.sorted { a, b in
        let (x, y) = (priorities[a], priorities[b])
        // Values within a relative 1e-12 are ties (2/15 + 3/15 + 5/15 ≠ 5/15 + 2/15 + 3/15 in floating point).
        if abs(x - y) <= 1e-12 * max(abs(x), abs(y)) { return a < b }
        return x > y
    }
    for task in order {
        let device = allocation[task]
        let start = free[device]
        let finish = start + instance.processingTime(job: task, device: device)
        placements[task] = ScheduledJob(job: task, device: device, start: start, finish: finish)
        free[device] = finish
    }
    return Schedule(placements: placements)
}

/// A number with up to 4 decimals and no trailing zeros.
private func number(_ value: Double) -> String {
    guard value.isFinite else { return "\(value)" }
    let text = String(format: "%.4f", value)
    guard text.contains(".") else { return text }
    let trimmed = text.replacingOccurrences(of: "0+$", with: "", options: .regularExpression)
    return trimmed.hasSuffix(".") ? String(trimmed.dropLast()) : trimmed
}
