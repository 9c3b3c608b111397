import Foundation

extension InputProblem: CustomStringConvertible, LocalizedError {
    /// A compiler-style line: `FILE:LINE:COLUMN: FIELD: expected … but found …; HINT`.
    public var description: String { "\(place): \(detail)" }

    /// `FILE:LINE:COLUMN` (`FILE: byte N` for binary formats, `FILE` alone when there is no position).
    public var place: String {
        switch location {
        case let .text(line, column)?: return "\(file):\(line):\(column)"
        case let .byte(offset)?: return "\(file): byte \(offset)"
        case nil: return file
        }
    }

    /// `FIELD: expected … but found …; HINT` — the message after the place.
    public var detail: String {
        let subject = field.isEmpty ? "" : "\(field): "
        return "\(subject)expected \(expected) but found \(found)" + (hint.map { "; \($0)" } ?? "")
    }

    /// The same text as `description`, for `localizedDescription`.
    public var errorDescription: String? { description }
}
