import Foundation

/// A document's own sentence for a CLAIMS.md id: the original (Chinese) text and where it
/// stands, so the ledger shows it next to Lepton's English reading.
public struct SourceQuote: Sendable, Equatable {
    /// The section ("§5.4").
    public var section: String
    /// The sentence as the document prints it (verbatim; tests find it in `../shared/seeds/`).
    public var text: String

    /// A quote from `section`.
    public init(_ section: String, _ text: String) {
        self.section = section
        self.text = text
    }
}

/// What the ledger knows about the documents beyond CLAIMS.md: each id's original sentence,
/// and for an id no experiment can check, the reason.
public struct LedgerSources: Sendable {
    /// The original sentence per id ("003-C16").
    public var quotes: [String: SourceQuote]
    /// Why an id gets no verdict ("a note: two parts of the text disagree; nothing to compute").
    public var uncheckable: [String: String]

    /// Sources for the ledger.
    public init(quotes: [String: SourceQuote] = [:], uncheckable: [String: String] = [:]) {
        self.quotes = quotes
        self.uncheckable = uncheckable
    }

    /// No quotes, no reasons.
    public static let none = LedgerSources()

    /// The folder of the five source documents: `../shared/seeds/` next to the package root.
    public static var defaultSeedsFolder: URL? {
        LeptonVersion.packageRoot?.deletingLastPathComponent().appendingPathComponent("shared/seeds")
    }

    /// Quotes not found verbatim (whitespace ignored) in their document in `folder`
    /// (`NNN_*.txt`), as "id: why"; empty when all are found.
    public func unverifiedQuotes(in folder: URL) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        func squeeze(_ s: String) -> String { String(s.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init)) }
        var texts: [String: String] = [:]
        for file in files where file.hasSuffix(".txt") {
            if let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) {
                texts[String(file.prefix(3))] = squeeze(text)
            }
        }
        return quotes.keys.sorted().compactMap { id in
            guard let quote = quotes[id] else { return nil }
            guard let text = texts[String(id.prefix(3))] else { return "\(id): no document \(id.prefix(3))_*.txt in \(folder.path)" }
            return text.contains(squeeze(quote.text)) ? nil : "\(id): the quote is not in document \(id.prefix(3)) (\(quote.text.prefix(30))…)"
        }
    }
}
