import Foundation

/// The one place where text becomes HTML. Every user-supplied string in a report goes
/// through ``escape(_:)`` (text and attribute values alike) or ``safeURL(_:)``.
public enum HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'`, so the result is inert both as element text
    /// and inside a quoted attribute value.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\u{0}": result += "\u{FFFD}"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }

    /// The link target escaped for an `href`, or nil when its scheme could run code or
    /// load something (only http, https, mailto, fragments and relative paths pass).
    public static func safeURL(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !trimmed.unicodeScalars.contains(where: { $0.value < 32 || $0 == "\\" }) else { return nil }
        if let colon = trimmed.firstIndex(of: ":") {
            let prefix = trimmed[..<colon]
            let beforeSlashOrQuery = !prefix.contains("/") && !prefix.contains("?") && !prefix.contains("#")
            if beforeSlashOrQuery {
                let scheme = prefix.lowercased()
                guard ["http", "https", "mailto"].contains(scheme) else { return nil }
            }
        }
        return escape(trimmed)
    }
}
