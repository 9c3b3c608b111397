/// Why Lepton refused a file a user gave it: the file, the field at fault, where it is,
/// what was expected and what was found, and what to do about it.
///
/// Every loader (scheduling instances, CSV tables, ONNX models, safetensors, IDX files,
/// results.json, baselines) reports refusals as this one value, so every refusal reads the
/// same way (docs/INPUTS.md). The wording lives in `InputProblem+Description.swift`.
public struct InputProblem: Error, Equatable, Hashable, Sendable {
    /// The file as the user named it (or a label such as "instance JSON" for data in memory).
    public var file: String
    /// The path of the field at fault, like `jobs[3].edges[1].data`; empty for the whole file.
    public var field: String
    /// Where in the file: line and column for text, a byte offset for binary formats.
    public var location: SourceLocation?
    /// What the format requires here ("a whole number of bytes").
    public var expected: String
    /// What the file holds instead ("1.5").
    public var found: String
    /// What to do: a nearest valid key ("did you mean 'weight'?") or the fix.
    public var hint: String?

    /// A problem in `file` at `field` (and `location`), expected vs found, with an optional hint.
    public init(file: String, field: String = "", location: SourceLocation? = nil,
                expected: String, found: String, hint: String? = nil) {
        self.file = file
        self.field = field
        self.location = location
        self.expected = expected
        self.found = found
        self.hint = hint
    }
}

/// A place in an input file.
public enum SourceLocation: Hashable, Sendable {
    /// A text position: 1-based line and column (columns count Unicode scalars).
    case text(line: Int, column: Int)
    /// A byte offset from the start of a binary file (0-based).
    case byte(Int)
}
