import Foundation

/// Everything that can go wrong while reading, splitting or standardising a tabular data set.
///
/// The cases carry data only; the wording lives in `TabularDataError+Description.swift`.
public enum TabularDataError: Error, Equatable, Sendable {
    /// The file has no header line.
    case emptyFile(path: String)
    /// A requested column is not in the header.
    case unknownColumn(path: String, column: String, available: [String])
    /// A line has a different number of fields from the header.
    case wrongFieldCount(path: String, line: Int, expected: Int, found: Int)
    /// A cell is empty or a missing-value marker (`NA`, `NaN`, `?`, …).
    case missingValue(path: String, line: Int, column: String, text: String)
    /// A cell that should be a number is not one.
    case notANumber(path: String, line: Int, column: String, text: String)
    /// The order column goes backwards, so a time-ordered split would mix past and future.
    case notInTimeOrder(path: String, line: Int, column: String, previous: String, found: String)
    /// A split fraction leaves one side empty.
    case badSplit(path: String, fraction: Double, rows: Int)
    /// A feature is constant on the training split, so it cannot be standardised.
    case constantFeature(column: String, value: Double)
    /// Standardisation was fitted on a different set of columns.
    case columnsDiffer(fitted: [String], found: [String])
    /// The tabular catalogue or one of its entries is unusable.
    case catalogue(path: String, problem: String)
    /// A file's SHA-256 differs from the catalogue's.
    case checksumMismatch(path: String, expected: String, found: String, remedy: String)
    /// A file could not be read.
    case readFailed(path: String, reason: String)
}
