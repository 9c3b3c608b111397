import Foundation
import LeptonCore
import LeptonInput

/// Every heuristic's schedule of one instance beside the exact solver's, with each
/// schedule's objective value, its gap to the optimum and the devices' idle time — what
/// `lepton schedule` shows, as text (`text`), JSON (``jsonString()``) or a report.
public struct ScheduleComparison: Sendable {
    /// One named schedule ("min-min", "optimum", "best found").
    public struct Entry: Sendable {
        /// The heuristic's name, or "optimum" / "best found" for the exact solver's.
        public let name: String
        /// The schedule.
        public let schedule: Schedule
    }

    /// The instance.
    public let instance: SchedulingInstance
    /// The objective compared.
    public let objective: Objective
    /// Every heuristic's schedule (``Heuristic/allCases`` order), then the exact solver's.
    public let entries: [Entry]
    /// The exact solver's result: optimum or bound.
    public let exact: ExactSolution

    /// Solves `instance` for `objective` with every heuristic and the exact solver, whose
    /// search stops after `nodeLimit` nodes or `timeLimit`.
    public init(instance: SchedulingInstance, objective: Objective, nodeLimit: Int, timeLimit: Seconds) throws(SchedulingError) {
        self.instance = instance
        self.objective = objective
        exact = try ExactSolver(nodeLimit: nodeLimit, timeLimit: timeLimit).solve(instance, objective: objective)
        entries = Heuristic.allCases.map { Entry(name: $0.name, schedule: $0.schedule(instance)) }
            + [Entry(name: exact.provenOptimal ? "optimum" : "best found", schedule: exact.schedule)]
    }

    /// Reads a JSON instance file (docs/SCHEDULING.md), checked as docs/INPUTS.md describes;
    /// messages name the file as given (`x.json:4:45: …`).
    public static func instance(file: String) throws(SchedulingError) -> SchedulingInstance {
        let data: Data
        do { data = try CheckedJSON.read(URL(fileURLWithPath: file), file: file) } catch { throw .input(error) }
        return try SchedulingInstance(json: data, source: file)
    }

    /// The objective's value for `entry`.
    public func value(_ entry: Entry) -> Double { objective.value(of: entry.schedule, in: instance) }

    /// value / optimum − 1 (relative to the best found when not proven).
    public func gap(_ entry: Entry) -> Double { exact.value > 0 ? value(entry) / exact.value - 1 : 0 }

    /// Idle seconds on the devices between their first start and last finish.
    public func idle(_ schedule: Schedule) -> Double {
        instance.devices.indices.reduce(0.0) { total, d in
            let jobs = schedule.jobs(on: d)
            return total + zip(jobs, jobs.dropFirst()).reduce(0.0) { $0 + max(0, $1.1.start - $1.0.finish) }
        }
    }

    /// What the exact solver proved: "proven optimal: …" or "bound, not proven: …".
    public var proof: String {
        let ms = exact.elapsed.value * 1000
        return exact.provenOptimal
            ? "proven optimal: \(exact.nodes) nodes, \(NumberFormat.fixed(ms, 1)) ms"
            : "bound, not proven: a search limit stopped it after \(exact.nodes) nodes (\(NumberFormat.fixed(ms, 1)) ms); "
                + "best \(NumberFormat.significant(exact.value, 6)), lower bound \(NumberFormat.significant(exact.lowerBound, 6)), "
                + "gap \(NumberFormat.fixed(100 * exact.gap, 2))%; gaps below are to the best schedule found"
    }

    /// The terminal table: value, gap and idle time per schedule, then where every job runs.
    public var text: String {
        let objectiveName = objective.name
        var lines = ["\(instance.name): \(instance.jobs.count) jobs, \(instance.devices.count) devices, \(instance.edges.count) edges; "
                     + "objective \(objectiveName); \(proof)"]
        lines.append("schedule      \(objectiveName.padding(toLength: 12, withPad: " ", startingAt: 0))  gap to optimum  idle (s)")
        for entry in entries {
            lines.append(entry.name.padding(toLength: 12, withPad: " ", startingAt: 0)
                + "  " + Self.right(NumberFormat.significant(value(entry), 6), 12)
                + "  " + Self.right(Self.signed(100 * gap(entry)), 13) + "%"
                + "  " + Self.right(NumberFormat.significant(idle(entry.schedule), 4), 8))
        }
        for entry in entries {
            lines.append("\(entry.name):")
            for d in instance.devices.indices {
                let jobs = entry.schedule.jobs(on: d).map {
                    "\(instance.jobs[$0.job].name) [\(NumberFormat.significant($0.start))–\(NumberFormat.significant($0.finish))]"
                }
                lines.append("  \(instance.devices[d].name): " + (jobs.isEmpty ? "idle" : jobs.joined(separator: " ")))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `text` right-aligned in `width` characters (`%12@` does not pad a Swift string on Linux).
    static func right(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// "+12.50" — a gap in percent with its sign.
    static func signed(_ percent: Double) -> String {
        percent.isFinite ? String(format: "%+.2f", percent) : NumberFormat.fixed(percent, 2)
    }
}
