import Foundation
import LeptonInput

/// Reads a comma-separated file with a header line into a ``TabularData``.
///
/// Columns are chosen by name. Every cell of a chosen column must be a number: an empty
/// cell or a missing-value marker (``missingMarkers``) is refused with its line and column,
/// never imputed. When `orderBy` names a column, its text must not decrease from one line
/// to the next (ISO-like dates such as `2012/01/31` sort as text), so that
/// ``TabularData/timeOrderedSplit(trainFraction:)`` splits past from future. Quoted fields
/// are not supported; the files Lepton ships need none.
public enum TabularCSV {
    /// Cell texts treated as missing (compared case-insensitively after trimming spaces).
    public static let missingMarkers: Set<String> = ["", "na", "nan", "n/a", "null", "?", "-"]

    /// Reads `url`; see ``parse(_:path:features:target:orderBy:)``.
    public static func read(contentsOf url: URL, features: [String], target: String,
                            orderBy: String? = nil) throws(TabularDataError) -> TabularData {
        let data: Data
        do { data = try CheckedJSON.read(url) } catch { throw .input(error) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .input(InputProblem(file: url.path, expected: "UTF-8 text", found: "bytes that are not UTF-8", hint: "save the table as UTF-8 CSV"))
        }
        return try parse(text, path: url.path, features: features, target: target, orderBy: orderBy)
    }

    /// Parses CSV `text` read from `path` (used in messages); line numbers are 1-based and
    /// count the header, columns are 1-based character positions. Every refusal is an
    /// ``InputProblem`` naming the file, line, column and the column's name (docs/INPUTS.md).
    public static func parse(_ text: String, path: String, features: [String], target: String,
                             orderBy: String? = nil) throws(TabularDataError) -> TabularData {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        func problem(line: Int, column: Int, field: String = "", expected: String, found: String, hint: String? = nil) -> TabularDataError {
            .input(InputProblem(file: path, field: field, location: .text(line: line, column: column), expected: expected, found: found, hint: hint))
        }
        guard let header = lines.first else {
            throw .input(InputProblem(file: path, expected: "a header line naming the columns", found: "an empty file"))
        }
        /// Each field's text and its 1-based starting column.
        func split(_ line: Substring, number: Int) throws(TabularDataError) -> [(text: Substring, column: Int)] {
            var fields: [(Substring, Int)] = []
            var column = 1
            for field in line.split(separator: ",", omittingEmptySubsequences: false) {
                if field.contains("\"") {
                    throw problem(line: number, column: column + (field.firstIndex(of: "\"").map { field.distance(from: field.startIndex, to: $0) } ?? 0),
                                  expected: "plain comma-separated fields", found: "a quote (\")",
                                  hint: "quoted fields are not supported; remove the quotes and any commas inside them")
                }
                fields.append((field, column))
                column += field.count + 1
            }
            return fields
        }
        let headerFields = try split(header, number: 1)
        let names = headerFields.map { $0.text.trimmingCharacters(in: .whitespaces) }
        func column(_ name: String) throws(TabularDataError) -> Int {
            guard let i = names.firstIndex(of: name) else {
                throw problem(line: 1, column: 1, expected: "a column named '\(name)' (the header has \(names.map { "'\($0)'" }.joined(separator: ", ")))",
                              found: "none", hint: KeySuggestion.hint(for: name, in: names))
            }
            return i
        }
        var featureColumns: [Int] = []
        for f in features { featureColumns.append(try column(f)) }
        let targetColumn = try column(target)
        let orderColumn: Int? = try orderBy.map { (o: String) throws(TabularDataError) -> Int in try column(o) }
        guard lines.count > 1 else {
            throw problem(line: 1, column: header.count + 1, expected: "at least one data line after the header", found: "the end of the file")
        }

        var values: [Double] = []
        var targets: [Double] = []
        var keys: [String] = []
        values.reserveCapacity((lines.count - 1) * features.count)
        for (offset, line) in lines.enumerated().dropFirst() {
            let lineNumber = offset + 1
            let fields = try split(line, number: lineNumber)
            guard fields.count == names.count else {
                throw problem(line: lineNumber, column: fields.count > names.count ? fields[names.count].column : line.count + 1,
                              expected: "\(names.count) fields, as in the header", found: "\(fields.count)", hint: "fix or remove the line")
            }
            func number(_ c: Int) throws(TabularDataError) -> Double {
                let raw = fields[c].text.trimmingCharacters(in: .whitespaces)
                if missingMarkers.contains(raw.lowercased()) {
                    throw problem(line: lineNumber, column: fields[c].column, field: names[c], expected: "a number",
                                  found: raw.isEmpty ? "an empty cell" : "the missing-value marker '\(raw)'",
                                  hint: "Lepton refuses missing values rather than guessing: drop the row or impute it before loading")
                }
                guard let v = Double(raw), v.isFinite else {
                    throw problem(line: lineNumber, column: fields[c].column, field: names[c], expected: "a finite number",
                                  found: "'\(raw)'", hint: "choose numeric feature and target columns")
                }
                return v
            }
            for c in featureColumns { values.append(try number(c)) }
            targets.append(try number(targetColumn))
            if let o = orderColumn {
                let key = fields[o].text.trimmingCharacters(in: .whitespaces)
                if missingMarkers.contains(key.lowercased()) {
                    throw problem(line: lineNumber, column: fields[o].column, field: names[o], expected: "an ordering key",
                                  found: key.isEmpty ? "an empty cell" : "the missing-value marker '\(key)'")
                }
                if let previous = keys.last, key < previous {
                    throw problem(line: lineNumber, column: fields[o].column, field: names[o], expected: "a key no earlier than '\(previous)'",
                                  found: "'\(key)'", hint: "sort the file by '\(names[o])' before a time-ordered split")
                }
                keys.append(key)
            }
        }
        return TabularData(source: (path as NSString).lastPathComponent, featureNames: features, targetName: target,
                           features: values, targets: targets, keys: keys)
    }
}
