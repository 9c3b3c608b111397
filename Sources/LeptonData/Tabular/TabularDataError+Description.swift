import Foundation

extension TabularDataError: CustomStringConvertible, LocalizedError {
    /// A sentence naming the file, line and column at fault and what to do.
    public var description: String {
        switch self {
        case let .input(problem):
            return problem.description
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
