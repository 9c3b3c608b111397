import Foundation

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
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw .readFailed(path: url.path, reason: error.localizedDescription)
        }
        return try parse(text, path: url.path, features: features, target: target, orderBy: orderBy)
    }

    /// Parses CSV `text` read from `path` (used in messages); line numbers are 1-based and
    /// count the header.
    public static func parse(_ text: String, path: String, features: [String], target: String,
                             orderBy: String? = nil) throws(TabularDataError) -> TabularData {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        guard let header = lines.first else { throw .emptyFile(path: path) }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        func column(_ name: String) throws(TabularDataError) -> Int {
            guard let i = names.firstIndex(of: name) else { throw .unknownColumn(path: path, column: name, available: names) }
            return i
        }
        var featureColumns: [Int] = []
        for f in features { featureColumns.append(try column(f)) }
        let targetColumn = try column(target)
        let orderColumn: Int? = try orderBy.map { (o: String) throws(TabularDataError) -> Int in try column(o) }

        var values: [Double] = []
        var targets: [Double] = []
        var keys: [String] = []
        values.reserveCapacity((lines.count - 1) * features.count)
        for (offset, line) in lines.enumerated().dropFirst() {
            let lineNumber = offset + 1
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == names.count else {
                throw .wrongFieldCount(path: path, line: lineNumber, expected: names.count, found: fields.count)
            }
            func number(_ c: Int) throws(TabularDataError) -> Double {
                let raw = fields[c].trimmingCharacters(in: .whitespaces)
                if missingMarkers.contains(raw.lowercased()) {
                    throw .missingValue(path: path, line: lineNumber, column: names[c], text: raw)
                }
                guard let v = Double(raw), v.isFinite else {
                    throw .notANumber(path: path, line: lineNumber, column: names[c], text: raw)
                }
                return v
            }
            for c in featureColumns { values.append(try number(c)) }
            targets.append(try number(targetColumn))
            if let o = orderColumn {
                let key = fields[o].trimmingCharacters(in: .whitespaces)
                if missingMarkers.contains(key.lowercased()) {
                    throw .missingValue(path: path, line: lineNumber, column: names[o], text: key)
                }
                if let previous = keys.last, key < previous {
                    throw .notInTimeOrder(path: path, line: lineNumber, column: names[o], previous: previous, found: key)
                }
                keys.append(key)
            }
        }
        return TabularData(source: (path as NSString).lastPathComponent, featureNames: features, targetName: target,
                           features: values, targets: targets, keys: keys)
    }
}
