/// A JSON value as it stands in a file: its kind, its text for numbers, and where it starts.
///
/// Unlike `JSONSerialization`'s output it keeps every key in order (duplicates included,
/// so they can be refused), the exact text of every number (so `1.5` is not silently
/// truncated to a whole number) and the line and column of every value and key.
public struct JSONNode: Sendable {
    /// One key of an object with its value.
    public struct Member: Sendable {
        /// The key.
        public var key: String
        /// Where the key starts.
        public var keyLocation: SourceLocation
        /// The value.
        public var value: JSONNode
    }

    /// What kind of value this is.
    public enum Value: Sendable {
        /// An object's members in file order.
        case object([Member])
        /// An array's elements.
        case array([JSONNode])
        /// A string.
        case string(String)
        /// A number, as written (`1e999`, `-0`, `1.5`).
        case number(String)
        /// `true` or `false`.
        case bool(Bool)
        /// `null`.
        case null
    }

    /// The value.
    public var value: Value
    /// Where the value starts.
    public var location: SourceLocation

    /// How the value is named in messages: "the number 1.5", "an object", "the string \"x\"".
    public var summary: String {
        switch value {
        case .object: return "an object"
        case .array(let elements): return elements.isEmpty ? "an empty array" : "an array"
        case .string(let text): return "the string \"\(text.count > 40 ? String(text.prefix(40)) + "…" : text)\""
        case .number(let text): return "the number \(text.count > 40 ? String(text.prefix(40)) + "…" : text)"
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        }
    }

    /// The node at `path` below this one (`[.key("jobs"), .index(3)]`), or nil.
    public func node(at path: [JSONPathComponent]) -> JSONNode? {
        var current = self
        for component in path {
            switch (component, current.value) {
            case let (.key(key), .object(members)):
                guard let member = members.last(where: { $0.key == key }) else { return nil }
                current = member.value
            case let (.index(index), .array(elements)):
                guard elements.indices.contains(index) else { return nil }
                current = elements[index]
            default:
                return nil
            }
        }
        return current
    }
}

/// One step of a field path: a key of an object or an index of an array.
public enum JSONPathComponent: Hashable, Sendable {
    /// An object key.
    case key(String)
    /// An array index.
    case index(Int)

    /// `jobs[3].edges[1].data` for `[.key("jobs"), .index(3), .key("edges"), .index(1), .key("data")]`.
    public static func text(_ path: [JSONPathComponent]) -> String {
        var text = ""
        for component in path {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// The components of a path written as `jobs[3].edges[1].data` (keys must not hold `.` or `[`).
    public static func parse(_ text: String) -> [JSONPathComponent] {
        var components: [JSONPathComponent] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: true) {
            var rest = Substring(part)
            if let open = rest.firstIndex(of: "[") {
                if open > rest.startIndex { components.append(.key(String(rest[..<open]))) }
                rest = rest[open...]
                while rest.first == "[", let close = rest.firstIndex(of: "]") {
                    if let index = Int(rest[rest.index(after: rest.startIndex)..<close]) { components.append(.index(index)) }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                components.append(.key(String(rest)))
            }
        }
        return components
    }
}
