import Foundation
import LeptonCore

/// A student's run checked against the answer key (the teacher's run of the handout).
///
/// Nothing in a submitted results.json is trusted: it must decode as a run record, its
/// summaries and claim verdicts must follow from its own metrics, and every metric must
/// come from one of its cells. What the student changed is read by comparison with the
/// key: the parameters (and seed), the code of each cell (by code identity — the cell keys
/// differ when a cell's body or anything it reaches was edited), the claims' definitions;
/// and, under the same numerics fingerprint, the deterministic metrics bit for bit.
public struct Grade: Sendable, Equatable {
    /// How a submission was classified; several can hold at once (a changed parameter and
    /// an edited cell), except that a corrupt or tampered file is only that.
    public enum Finding: String, Sendable, Equatable, CaseIterable {
        /// Same parameters, cells and claims as the key, and the metrics agree.
        case unchanged
        /// At least one parameter (or the seed, replicates) differs from the key's.
        case changedParameter = "changed parameter"
        /// At least one cell's code identity differs from the key's.
        case editedCell = "edited cell"
        /// At least one claim's definition (metric, value, accepted range, source) differs.
        case editedClaim = "edited claim"
        /// Same code and parameters under the same numerics, yet deterministic metrics differ.
        case metricsDiffer = "metrics differ"
        /// Not a run of the key's experiment.
        case otherExperiment = "other experiment"
        /// Missing, unreadable, truncated or not a run record.
        case corrupt
        /// Decodes, but contradicts itself (edited by hand).
        case tampered
    }

    /// The student, from the submission's folder name.
    public var student: String
    /// The results.json read (or looked for).
    public var path: String
    /// What the comparison found.
    public var findings: [Finding]
    /// The parameters that differ: "epochs: 3 → 4".
    public var changedParameters: [String] = []
    /// The cells whose code differs from the key's.
    public var editedCells: [String] = []
    /// The claims that differ from the key's, by statement.
    public var editedClaims: [String] = []
    /// Each claim's verdict in the submission: "accuracy ≥ 0.9: reproduced".
    public var verdicts: [String] = []
    /// How the deterministic metrics compare with the key's.
    public var metrics: String = ""
    /// Why the file is corrupt or tampered, or what differs in the metrics.
    public var problems: [String] = []
}

/// Grades submissions against a key run.
public enum Grading {
    /// Reads and grades the submission at `url` (a run folder, a folder holding one run
    /// somewhere below it, or a results.json) against `key`.
    public static func grade(submission url: URL, key: RunRecord) -> Grade {
        let student = studentName(url)
        guard let file = resultsFile(in: url) else {
            return Grade(student: student, path: url.path, findings: [.corrupt],
                         problems: ["no results.json found in \(url.path)"])
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            return Grade(student: student, path: file.path, findings: [.corrupt], problems: ["\(file.path) cannot be read"])
        }
        return grade(data: data, student: student, path: file.path, key: key)
    }

    /// Grades the bytes of a submitted results.json.
    public static func grade(data: Data, student: String, path: String, key: RunRecord) -> Grade {
        var grade = Grade(student: student, path: path, findings: [])
        let record: RunRecord
        do {
            _ = try JSONSerialization.jsonObject(with: data)
        } catch {
            grade.findings = [.corrupt]
            grade.problems = [truncated(data)
                ? "results.json is truncated: it ends after \(data.count) bytes inside an unfinished JSON value"
                : "results.json is not valid JSON (\(error.localizedDescription))"]
            return grade
        }
        do { record = try RunStore.decode(data) } catch {
            grade.findings = [.corrupt]
            grade.problems = ["results.json is JSON but not a Lepton run record: \(describe(error))"]
            return grade
        }
        let contradictions = inconsistencies(record)
        if !contradictions.isEmpty {
            grade.findings = [.tampered]
            grade.problems = contradictions
            return grade
        }
        grade.verdicts = record.claims.map { "\($0.statement): \($0.verdict.rawValue)" }
        guard record.experiment == key.experiment else {
            grade.findings = [.otherExperiment]
            grade.problems = ["a run of experiment '\(record.experiment)', not '\(key.experiment)'"]
            return grade
        }
        grade.changedParameters = parameterChanges(record, key: key)
        grade.editedCells = editedCells(record, key: key)
        grade.editedClaims = editedClaims(record, key: key)
        if !grade.changedParameters.isEmpty { grade.findings.append(.changedParameter) }
        if !grade.editedCells.isEmpty { grade.findings.append(.editedCell) }
        if !grade.editedClaims.isEmpty { grade.findings.append(.editedClaim) }
        let comparison = compareMetrics(record, key: key)
        grade.metrics = comparison.summary
        if comparison.differ && grade.changedParameters.isEmpty && grade.editedCells.isEmpty {
            grade.findings.append(.metricsDiffer)
            grade.problems += comparison.details
        }
        if grade.findings.isEmpty { grade.findings = [.unchanged] }
        return grade
    }

    /// Where the metric values of a record contradict its own summaries and verdicts, or
    /// its structure is broken: empty for a record as Lepton writes it.
    public static func inconsistencies(_ record: RunRecord) -> [String] {
        var problems: [String] = []
        let cells = Set(record.cells.map(\.cell))
        for m in record.metrics where !cells.contains(m.cell) {
            problems.append("metric '\(m.name)' is attributed to cell '\(m.cell)', which the run does not list")
        }
        let recomputed = RunRecordBuilder.summarize(record.metrics)
        func same(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
        if recomputed.count != record.summary.count {
            problems.append("the summary lists \(record.summary.count) metrics but the run recorded \(recomputed.count)")
        } else {
            for (s, r) in zip(record.summary, recomputed) where s.name != r.name || s.point != r.point || s.n != r.n || !same(s.mean, r.mean) {
                problems.append("the summary of '\(s.name)' (mean \(s.mean)) does not follow from its recorded values (mean \(r.mean))")
            }
        }
        for claim in record.claims {
            let observed = record.metrics.filter { $0.name == claim.metric && $0.point == nil }.map(\.value)
            if observed.isEmpty {
                if claim.verdict != .inconclusive {
                    problems.append("claim '\(claim.statement)' is \(claim.verdict.rawValue) but the run recorded no '\(claim.metric)'")
                }
                continue
            }
            let s = Statistics.summary(observed)
            guard let reproduced = claim.reproduced, same(reproduced, s.mean), claim.n == observed.count else {
                problems.append("claim '\(claim.statement)' reports \(claim.reproduced.map { "\($0)" } ?? "no value") "
                    + "but the recorded '\(claim.metric)' gives \(s.mean)")
                continue
            }
            guard claim.acceptedLow <= claim.acceptedHigh else {
                problems.append("claim '\(claim.statement)' has an empty accepted range")
                continue
            }
            let inside = s.low >= claim.acceptedLow && s.high <= claim.acceptedHigh && observed.allSatisfy(\.isFinite)
            let outside = s.high < claim.acceptedLow || s.low > claim.acceptedHigh || !observed.allSatisfy(\.isFinite)
            let expected: Verdict? = inside ? .reproduced : outside ? .notReproduced : .inconclusive
            // A claim made under other parameter values is inconclusive whatever the value.
            if claim.verdict != expected && claim.verdict != .inconclusive {
                problems.append("claim '\(claim.statement)' says \(claim.verdict.rawValue) but \(s.mean) is "
                    + (inside ? "inside" : outside ? "outside" : "across a bound of") + " [\(claim.acceptedLow), \(claim.acceptedHigh)]")
            }
        }
        return problems
    }

    static func parameterChanges(_ record: RunRecord, key: RunRecord) -> [String] {
        var changes: [String] = []
        let mine = Dictionary(record.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        let theirs = Dictionary(key.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        for name in Set(mine.keys).union(theirs.keys).sorted() where mine[name] != theirs[name] {
            changes.append("\(name): \(theirs[name] ?? "(none)") → \(mine[name] ?? "(none)")")
        }
        if record.seed != key.seed { changes.append("seed: \(key.seed) → \(record.seed)") }
        if record.replicates != key.replicates { changes.append("seeds: \(key.replicates) → \(record.replicates)") }
        return changes
    }

    /// Cells whose code identity differs from the key's (compared at the same sweep point
    /// and replicate, where the cell key is a function of the code alone), plus cells
    /// only one of the two runs has.
    static func editedCells(_ record: RunRecord, key: RunRecord) -> [String] {
        func keys(_ r: RunRecord) -> [String: [String: String]] {
            var out: [String: [String: String]] = [:]
            for c in r.cells { out[c.cell, default: [:]]["\(c.point.map(String.init) ?? "-")/\(c.replicate)"] = c.key }
            return out
        }
        let mine = keys(record), theirs = keys(key)
        var edited: [String] = []
        var order = key.cells.map(\.cell)
        order += record.cells.map(\.cell).filter { !order.contains($0) }
        var seen = Set<String>()
        for cell in order where seen.insert(cell).inserted {
            guard let a = mine[cell] else { edited.append("\(cell) (missing)"); continue }
            guard let b = theirs[cell] else { edited.append("\(cell) (added)"); continue }
            let shared = Set(a.keys).intersection(b.keys)
            if shared.contains(where: { a[$0] != b[$0] }) { edited.append(cell) }
        }
        return edited
    }

    static func editedClaims(_ record: RunRecord, key: RunRecord) -> [String] {
        func definition(_ c: ClaimResult) -> String {
            "\(c.metric)|\(c.claimed.bitPattern)|\(c.acceptedLow.bitPattern)|\(c.acceptedHigh.bitPattern)|\(c.source)|\(c.statement)|\(c.kind?.rawValue ?? "")"
        }
        let theirs = Set(key.claims.map(definition))
        let mine = Set(record.claims.map(definition))
        let changed = record.claims.filter { !theirs.contains(definition($0)) }
        var edited = changed.map(\.statement)
        // A key claim with no counterpart (same metric) among the changed ones was removed.
        let metrics = Set(changed.map(\.metric))
        edited += key.claims.filter { !mine.contains(definition($0)) && !metrics.contains($0.metric) }.map { "\($0.statement) (removed)" }
        return edited
    }

    /// Deterministic (not measured) metrics compared bit for bit when both runs have the
    /// same numerics fingerprint; otherwise only said to be incomparable.
    static func compareMetrics(_ record: RunRecord, key: RunRecord) -> (summary: String, differ: Bool, details: [String]) {
        guard let a = record.environment.numerics?.fingerprint, let b = key.environment.numerics?.fingerprint else {
            return ("not compared: a run without a numerics fingerprint", false, [])
        }
        guard a == b else { return ("not compared: other numerics (\(a.prefix(12)) vs the key's \(b.prefix(12)))", false, []) }
        func id(_ m: MetricRecord) -> String { "\(m.name)@\(m.point.map(String.init) ?? "-")#\(m.replicate)" }
        let theirs = Dictionary(key.metrics.filter { !$0.measured }.map { (id($0), $0) }, uniquingKeysWith: { a, _ in a })
        let mine = record.metrics.filter { !$0.measured }
        var details: [String] = []
        var compared = 0
        for m in mine {
            guard let k = theirs[id(m)] else { continue }
            compared += 1
            if m.value.bitPattern != k.value.bitPattern {
                details.append("\(m.name)\(m.point.map { " at point \($0)" } ?? ""): \(m.value), the key has \(k.value)")
            }
        }
        if compared == 0 { return ("no deterministic metric in common with the key", false, []) }
        let noun = compared == 1 ? "deterministic metric" : "deterministic metrics"
        if details.isEmpty { return ("\(compared) \(noun) equal to the key's bit for bit", false, []) }
        return ("\(details.count) of \(compared) \(noun) differ\(compared == 1 ? "s" : "") from the key's: " + details.joined(separator: "; "), true, details)
    }

    /// The student's name: the submission's folder (the folder holding the run folder
    /// when given a run folder named by its run id, or a results.json).
    static func studentName(_ url: URL) -> String {
        var u = url.standardizedFileURL
        if u.lastPathComponent == "results.json" { u.deleteLastPathComponent() }
        // A run folder is named by its run id (20261205T225909Z-…): name its parent instead.
        while u.lastPathComponent.range(of: #"^\d{8}T\d{6}Z"#, options: .regularExpression) != nil
                || u.lastPathComponent == "Reports" {
            u.deleteLastPathComponent()
        }
        return u.lastPathComponent
    }

    /// The results.json at or below `url` (the newest run when there are several).
    static func resultsFile(in url: URL) -> URL? {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: url.path, isDirectory: &isDir) else { return nil }
        if !isDir.boolValue { return url }
        let direct = url.appendingPathComponent("results.json")
        if fm.fileExists(atPath: direct.path) { return direct }
        guard let walker = fm.enumerator(at: url, includingPropertiesForKeys: nil) else { return nil }
        var found: [URL] = []
        for case let file as URL in walker where file.lastPathComponent == "results.json" && !file.path.contains("/.cache/") {
            found.append(file)
        }
        // Run ids begin with the UTC time, so the last folder name is the newest run.
        return found.max { $0.deletingLastPathComponent().lastPathComponent < $1.deletingLastPathComponent().lastPathComponent }
    }

    /// Whether JSON text ends inside an open object, array or string.
    static func truncated(_ data: Data) -> Bool {
        var depth = 0, inString = false, escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return inString || depth > 0
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, context):
            return "field '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))' is missing"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
             let DecodingError.dataCorrupted(context):
            return "field '\(context.codingPath.map(\.stringValue).joined(separator: "."))': \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
