import Foundation

extension TabularDataError: CustomStringConvertible, LocalizedError {
    /// A sentence naming the file, line and column at fault and what to do.
    public var description: String {
        switch self {
        case let .emptyFile(path):
            return "\(path): the file is empty; a tabular CSV needs a header line naming its columns"
        case let .unknownColumn(path, column, available):
            return "\(path): no column '\(column)'; the header has \(available.map { "'\($0)'" }.joined(separator: ", "))"
        case let .wrongFieldCount(path, line, expected, found):
            return "\(path):\(line): \(found) fields but the header has \(expected); fix or remove the line"
        case let .missingValue(path, line, column, text):
            return "\(path):\(line): missing value '\(text)' in column '\(column)'; "
                + "Lepton refuses missing values rather than guessing: drop the row or impute it before loading"
        case let .notANumber(path, line, column, text):
            return "\(path):\(line): '\(text)' in column '\(column)' is not a number; choose numeric feature and target columns"
        case let .notInTimeOrder(path, line, column, previous, found):
            return "\(path):\(line): column '\(column)' goes back from '\(previous)' to '\(found)'; "
                + "sort the file by '\(column)' before a time-ordered split"
        case let .badSplit(path, fraction, rows):
            return "\(path): a training fraction of \(fraction) of \(rows) rows leaves one split empty; use a value strictly between 0 and 1"
        case let .constantFeature(column, value):
            return "feature '\(column)' is constant (\(value)) on the training split and cannot be standardised; drop the column"
        case let .columnsDiffer(fitted, found):
            return "the standardiser was fitted on columns \(fitted) but applied to \(found); fit it on the same columns"
        case let .catalogue(path, problem):
            return "\(path): \(problem)"
        case let .checksumMismatch(path, expected, found, remedy):
            return "\(path): SHA-256 is \(found) but the catalogue records \(expected); \(remedy)"
        case let .readFailed(path, reason):
            return "\(path): cannot read the file (\(reason)); check that it exists and is readable"
        }
    }

    /// Same as ``description``.
    public var errorDescription: String? { description }
}
