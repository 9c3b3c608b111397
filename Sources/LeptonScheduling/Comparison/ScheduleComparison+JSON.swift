import Foundation
import LeptonCore

extension ScheduleComparison: Encodable {
    private enum Keys: String, CodingKey {
        case instance, jobs, devices, edges, objective, optimum, schedules
    }

    private struct Optimum: Encodable {
        let value: Double, proven: Bool, status: String, nodes: Int, lowerBound: Double, gap: Double
        let milliseconds: Double, initialUpperBound: Double
        enum CodingKeys: String, CodingKey {
            case value, proven, status, nodes, lowerBound = "lower_bound", gap, milliseconds, initialUpperBound = "initial_upper_bound"
        }
    }

    private struct Placement: Encodable {
        let job: String, device: String, start: Double, finish: Double
    }

    private struct Row: Encodable {
        let name: String, value: Double, makespan: Double, gap: Double, idle: Double, placements: [Placement]
    }

    /// The object of `lepton schedule --json`.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(instance.name, forKey: .instance)
        try c.encode(instance.jobs.count, forKey: .jobs)
        try c.encode(instance.devices.map(\.name), forKey: .devices)
        try c.encode(instance.edges.count, forKey: .edges)
        try c.encode(objective.name, forKey: .objective)
        try c.encode(Optimum(value: exact.value, proven: exact.provenOptimal, status: exact.status, nodes: exact.nodes,
                             lowerBound: exact.lowerBound, gap: exact.gap, milliseconds: exact.elapsed.value * 1000,
                             initialUpperBound: exact.initialUpperBound), forKey: .optimum)
        try c.encode(entries.map { entry in
            Row(name: entry.name, value: value(entry), makespan: entry.schedule.makespan, gap: gap(entry), idle: idle(entry.schedule),
                placements: entry.schedule.placements.map {
                    Placement(job: instance.jobs[$0.job].name, device: instance.devices[$0.device].name, start: $0.start, finish: $0.finish)
                })
        }, forKey: .schedules)
    }

    /// One JSON object, by Lepton's JSON policy (``LabJSON``).
    public func jsonString() throws -> String {
        String(decoding: try LabJSON.encoder().encode(self), as: UTF8.self)
    }
}
