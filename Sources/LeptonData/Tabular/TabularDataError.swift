import Foundation
import LeptonInput

/// Everything that can go wrong while reading, splitting or standardising a tabular data set.
///
/// The cases carry data only; the wording lives in `TabularDataError+Description.swift`.
public enum TabularDataError: Error, Equatable, Sendable {
    /// The CSV file was refused (no header, no data line, an unknown column, a wrong field
    /// count, a missing value, a non-number, a key out of time order): file, line, column,
    /// the column's name, expected vs found (docs/INPUTS.md).
    case input(InputProblem)
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
