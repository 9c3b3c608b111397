extension Source003Case {
    /// Every claimed number of the case next to the value computed from the inputs, with a verdict.
    ///
    /// Rows: each priority under both priority forms, and the priority ranking; each load under
    /// both load forms, and the load ranking; each T_d; the allocation under every
    /// `AllocationReading` for every pair of (priority form, load form) and for the claimed
    /// priorities and loads themselves; each task's total (execution + transfer) under the
    /// claimed allocation and under the allocation of each reading with the formula inputs.
    /// Reading of "per task total": T_j of the task's device + T_d of transfer row j (the table
    /// has one transfer per edge device; a device without a row makes the total not computable).
    public func verdicts() -> [ClaimCheck] {
        var rows: [ClaimCheck] = []
        let claimedPriorityValues = claimedPriorities.compactMap(Double.init)
        let claimedLoadValues = claimedLoads.compactMap(Double.init)
        for model in PriorityModel.allCases {
            rows += Self.checks(of: "priority P", model: model.rawValue, claimed: claimedPriorities,
                                computed: model.priorities(importance: importance, urgency: urgency, satisfaction: satisfaction),
                                formula: Self.priorityFormula(model), descending: true, item: "task")
        }
        for model in LoadModel.allCases {
            rows += Self.checks(of: "load L", model: model.rawValue, claimed: claimedLoads,
                                computed: model.loads(capacity: capacity, remaining: remaining, executionTime: executionTime),
                                formula: Self.loadFormula(model), descending: false, item: "device")
        }
        for (index, claim) in claimedTransferTimes.enumerated() {
            rows.append(.numeric("transfer time T_d of transfer \(index + 1)", claimed: claim,
                                 computed: index < transfers.count ? transfers[index].total : nil,
                                 note: "T_d = T_p + T_s + T_r"))
        }
        let claimedText = Self.allocationText(claimedAllocation.map { $0 - 1 })
        var inputs: [(label: String, priorities: [Double], loads: [Double])] = [
            ("claimed priorities and loads", claimedPriorityValues, claimedLoadValues),
        ]
        for priority in PriorityModel.allCases {
            for load in LoadModel.allCases {
                inputs.append(("\(priority.rawValue) priority, \(load.rawValue) load",
                               priority.priorities(importance: importance, urgency: urgency, satisfaction: satisfaction),
                               load.loads(capacity: capacity, remaining: remaining, executionTime: executionTime)))
            }
        }
        for reading in AllocationReading.allCases {
            for input in inputs {
                let allocation = reading.allocate(priorities: input.priorities, loads: input.loads,
                                                  executionTimes: executionTime)
                let matches = zip(allocation, claimedAllocation).filter { $0 == $1 - 1 }.count
                rows.append(.exact("allocation (\(reading.rawValue); \(input.label))", claimed: claimedText,
                                   computed: Self.allocationText(allocation),
                                   note: "\(matches) of \(claimedAllocation.count) tasks on the claimed device"))
            }
        }
        for (task, claim) in claimedTotals.enumerated() where task < claimedAllocation.count {
            rows.append(.numeric("total of task \(task + 1) (given the claimed allocation)", claimed: claim,
                                 computed: total(device: claimedAllocation[task] - 1),
                                 note: "T_j of the claimed device + T_d of transfer row j"))
        }
        let formulaInputs = inputs.dropFirst()
        if let first = formulaInputs.first {
            for reading in AllocationReading.allCases {
                let allocation = reading.allocate(priorities: first.priorities, loads: first.loads,
                                                  executionTimes: executionTime)
                for (task, claim) in claimedTotals.enumerated() where task < allocation.count {
                    rows.append(.numeric("total of task \(task + 1) (\(reading.rawValue); \(first.label))", claimed: claim,
                                         computed: total(device: allocation[task]),
                                         note: "T_j of device \(allocation[task] + 1) + T_d of transfer row \(allocation[task] + 1)"))
                }
            }
        }
        return rows
    }

    /// T_j + T_d(row j) for device index `device`; nil when the device has no transfer row.
    func total(device: Int) -> Double? {
        guard executionTime.indices.contains(device), transfers.indices.contains(device) else { return nil }
        return executionTime[device] + transfers[device].total
    }

    private static func priorityFormula(_ model: PriorityModel) -> String {
        switch model {
        case .normalisedWeightedSum: return "P_i = A_i/ΣA + B_i/ΣB + C_i/ΣC"
        case .product: return "P_i = A_i·B_i·C_i"
        }
    }

    private static func loadFormula(_ model: LoadModel) -> String {
        switch model {
        case .ratio: return "L_j = C_j·R_j/T_j"
        case .normalisedWeightedSum: return "L_j = C_j/ΣC + R_j/ΣR + T_j/ΣT (our reading)"
        }
    }

    static func ranking(_ values: [Double], descending: Bool, prefix: String) -> String {
        prefix + AllocationReading.order(values, descending: descending).map { "\($0 + 1)" }.joined(separator: ", ")
    }

    static func allocationText(_ allocation: [Int]) -> String {
        allocation.enumerated().map { "t\($0.offset + 1)→d\($0.element + 1)" }.joined(separator: " ")
    }
}

extension Source003Case {
    /// The rows of one quantity under one model: each value ("priority P_1 (additive)")
    /// against the claim, then the ranking of the items ("task", "device") by the value —
    /// highest first when `descending` — claimed against computed.
    static func checks(of quantity: String, model: String, claimed: [String], computed: [Double], formula: String,
                       descending: Bool, item: String) -> [ClaimCheck] {
        var rows: [ClaimCheck] = []
        for (index, claim) in claimed.enumerated() {
            rows.append(.numeric("\(quantity)_\(index + 1) (\(model))", claimed: claim,
                                 computed: index < computed.count ? computed[index] : nil, note: formula))
        }
        let name = quantity.split(separator: " ").first.map(String.init) ?? quantity
        let order = descending ? "highest first" : "lowest first"
        rows.append(.exact("\(name) ranking, \(order) (\(model))",
                           claimed: ranking(claimed.compactMap(Double.init), descending: descending, prefix: "\(item) "),
                           computed: ranking(computed, descending: descending, prefix: "\(item) "),
                           note: "\(item) numbers by \(descending ? "decreasing" : "increasing") \(name); "
                               + "ties keep the lower number first"))
        return rows
    }
}
