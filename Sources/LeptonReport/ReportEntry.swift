/// One item of a ledger-style list: an id with its verdict badge beside it, then labelled
/// fields. Reads at any width (no table columns to scroll), unlike a wide table.
public struct ReportEntry: Hashable, Sendable {
    /// The id shown first ("003-C16"); also the HTML anchor.
    public var id: String
    /// The verdict beside the id; nil for an id without one (a finding, not checked).
    public var verdict: ClaimRow.Verdict?
    /// The badge text when there is no verdict ("finding", "not checkable", "not yet checked").
    public var status: String
    /// A short tag after the badge ("measured", "arithmetic + definitional").
    public var tag: String
    /// Labelled fields in order: (label, Markdown text in the safe subset of ``MarkdownRenderer``).
    public var fields: [Field]

    /// A labelled field of an entry.
    public struct Field: Hashable, Sendable {
        /// The label ("Document (003 §5.4)").
        public var label: String
        /// Its Markdown text.
        public var markdown: String
        /// Text in another language tag (for example "zh" for a quoted Chinese sentence); nil for the report's.
        public var language: String?

        /// A field.
        public init(_ label: String, _ markdown: String, language: String? = nil) {
            self.label = label
            self.markdown = markdown
            self.language = language
        }
    }

    /// An entry.
    public init(id: String, verdict: ClaimRow.Verdict?, status: String = "", tag: String = "", fields: [Field]) {
        self.id = id
        self.verdict = verdict
        self.status = status
        self.tag = tag
        self.fields = fields
    }
}
