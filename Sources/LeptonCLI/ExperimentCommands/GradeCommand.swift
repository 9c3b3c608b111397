import ArgumentParser
import Foundation
import LeptonLab
import LeptonReport

/// `lepton grade KEY SUBMISSIONS…`: one row per student — what they changed against the
/// answer key, their claim verdicts, whether their metrics match the key's bit for bit,
/// and whether their results.json can be trusted — as `grades.html` and `grades.csv`.
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Check students' runs against an answer key; write grades.html and grades.csv.",
        discussion: """
            KEY is the teacher's run of the handout (a run folder or its results.json, or a run \
            id under --reports). Each SUBMISSION is a student's folder (holding their run \
            folder or Reports/ tree) or results.json; the student is named by the folder. \
            Each row says: unchanged, changed parameter, edited cell (by code identity: the \
            cell's body or something it calls differs from the handout), edited claim, \
            metrics differ (same code, parameters and numerics, different values), other \
            experiment, corrupt (truncated, not JSON, not a run record) or tampered (the \
            metrics contradict the file's own summaries or verdicts). Nothing in a submission \
            is trusted.
            """)

    @Argument(help: "The answer key: a run folder, its results.json, or a run id.") var key: String
    @Argument(help: "The students' folders or results.json files.") var submissions: [String]
    @Option(help: "Folder to write grades.html and grades.csv into.") var output = "grades"
    @Option(help: "Reports folder, to find KEY by run id.") var reports: String?

    func validate() throws {
        if submissions.isEmpty { throw ValidationError("give at least one submission after the key") }
    }

    func run() throws {
        let keyURL = URL(fileURLWithPath: key)
        let keyFolder: URL
        if keyURL.lastPathComponent == "results.json" {
            keyFolder = keyURL.deletingLastPathComponent()
        } else if FileManager.default.fileExists(atPath: keyURL.appendingPathComponent("results.json").path) {
            keyFolder = keyURL
        } else {
            keyFolder = try RunSelection.store(reports).locate(key)
        }
        let keyRecord = try RunSelection.store(reports).read(keyFolder)
        let problems = Grading.inconsistencies(keyRecord)
        guard problems.isEmpty else {
            throw CLIError("the key \(keyFolder.path)/results.json contradicts itself: " + problems.joined(separator: "; ")
                + "; rerun the handout to make a new key")
        }
        let grades = submissions.map { Grading.grade(submission: URL(fileURLWithPath: $0), key: keyRecord) }
        let folder = URL(fileURLWithPath: output)
        let html = GradeCommand.html(grades, key: keyRecord, keyPath: keyFolder.path)
        let csv = GradeCommand.csv(grades)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: folder.appendingPathComponent("grades.html"), options: .atomic)
            try Data(csv.utf8).write(to: folder.appendingPathComponent("grades.csv"), options: .atomic)
        } catch {
            throw CLIError("cannot write the grades into \(folder.path): \(error.localizedDescription); choose another --output")
        }
        let width = max(7, grades.map(\.student.count).max() ?? 0)
        for g in grades {
            let detail = (g.changedParameters + g.editedCells.map { "cell \($0)" } + g.editedClaims.map { "claim \($0)" } + g.problems)
            print(g.student.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                  + g.findings.map(\.rawValue).joined(separator: ", ")
                  + (detail.isEmpty ? "" : " — " + detail.joined(separator: "; ")))
        }
        print("wrote \(folder.appendingPathComponent("grades.html").path) and grades.csv (\(grades.count) students)")
    }

    static let columns = ["student", "classification", "changed_parameters", "edited_cells", "edited_claims",
                          "claim_verdicts", "metrics", "problems", "results"]

    static func row(_ g: Grade) -> [String] {
        [g.student, g.findings.map(\.rawValue).joined(separator: "; "), g.changedParameters.joined(separator: "; "),
         g.editedCells.joined(separator: "; "), g.editedClaims.joined(separator: "; "), g.verdicts.joined(separator: "; "),
         g.metrics, g.problems.joined(separator: "; "), g.path]
    }

    /// RFC 4180 CSV: every field quoted, quotes doubled.
    static func csv(_ grades: [Grade]) -> String {
        func field(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return ([columns] + grades.map(row)).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func html(_ grades: [Grade], key: RunRecord, keyPath: String) -> String {
        let e = HTML.escape
        let head = columns.dropLast().map { "<th>\(e($0.replacingOccurrences(of: "_", with: " ")))</th>" }.joined()
        let rows = grades.map { g -> String in
            let cells = row(g).dropLast().enumerated().map { i, text in
                i == 1 ? "<td class=\"\(g.findings.map { $0.rawValue.replacingOccurrences(of: " ", with: "-") }.joined(separator: " "))\">\(e(text))</td>"
                    : "<td>\(e(text))</td>"
            }.joined()
            return "<tr title=\"\(e(g.path))\">\(cells)</tr>"
        }.joined(separator: "\n")
        var counts: [String] = []
        for f in Grade.Finding.allCases {
            let n = grades.filter { $0.findings.contains(f) }.count
            if n > 0 { counts.append("\(n) \(f.rawValue)") }
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Grades — \(e(key.experiment))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2em; }
            table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
            td.unchanged { background: #e6f4ea; } td.corrupt, td.tampered, td.metrics-differ { background: #fce8e6; }
            td.edited-cell, td.edited-claim, td.changed-parameter { background: #fef7e0; }
            </style></head><body>
            <h1>Grades — \(e(key.title)) (\(e(key.experiment)))</h1>
            <p>Answer key: run \(e(key.runID)) (\(e(keyPath))), \(grades.count) submissions: \(e(counts.joined(separator: ", "))).</p>
            <table>
            <thead><tr>\(head)</tr></thead>
            <tbody>
            \(rows)
            </tbody></table>
            </body></html>

            """
    }
}
