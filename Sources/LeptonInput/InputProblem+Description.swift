import Foundation

extension InputProblem: CustomStringConvertible, LocalizedError {
    /// A compiler-style line: `FILE:LINE:COLUMN: FIELD: expected … but found …; HINT`.
    public var description: String {
        var head = file
        switch location {
        case let .text(line, column)?: head += ":\(line):\(column)"
        case let .byte(offset)?: head += ": byte \(offset)"
        case nil: break
        }
        let subject = field.isEmpty ? "" : "\(field): "
        return "\(head): \(subject)expected \(expected) but found \(found)" + (hint.map { "; \($0)" } ?? "")
    }

    /// The same text as `description`, for `localizedDescription`.
    public var errorDescription: String? { description }
}
