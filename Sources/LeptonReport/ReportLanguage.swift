/// The language of a report's chrome: headings Lepton writes, table headers, verdict
/// words, notes. The experiment's own prose, titles and labels are never translated.
public enum ReportLanguage: String, CaseIterable, Hashable, Sendable {
    /// English (the default).
    case en
    /// Simplified Chinese.
    case zh

    /// The language for a `--lang` value such as "zh" or "zh-CN", or nil when unknown.
    public init?(code: String) {
        let primary = code.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        self.init(rawValue: primary)
    }

    /// The chrome strings in this language.
    public var strings: ReportStrings {
        switch self {
        case .en: return .english
        case .zh: return .chinese
        }
    }
}
