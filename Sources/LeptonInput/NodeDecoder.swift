import Foundation

/// The shared state of one `CheckedJSON.decode`: the file, the options, and which keys the
/// decoded type asked for in each object (the rest are unknown keys).
final class NodeDecodingState {
    let file: String
    let options: CheckedJSON.Options
    /// Per object path (`jobs[3]`), the keys the type asked for.
    var known: [String: Set<String>] = [:]

    init(file: String, options: CheckedJSON.Options) {
        self.file = file
        self.options = options
    }

    func mismatch(_ expected: String, _ node: JSONNode, _ path: [JSONPathComponent], hint: String? = nil) -> InputProblem {
        InputProblem(file: file, field: JSONPathComponent.text(path), location: node.location, expected: expected, found: node.summary, hint: hint)
    }

    /// Decodes `type` from `node`; primitives are checked here (whole numbers stay whole, numbers finite).
    func unbox<T: Decodable>(_ type: T.Type, node: JSONNode, path: [JSONPathComponent]) throws -> T {
        if let value = try primitive(type, node: node, path: path) { return value }
        return try T(from: NodeDecoder(state: self, node: node, path: path))
    }

    private func primitive<T>(_ type: T.Type, node: JSONNode, path: [JSONPathComponent]) throws -> T? {
        switch type {
        case is String.Type:
            guard case .string(let text) = node.value else { throw mismatch("a string", node, path) }
            return text as? T
        case is Bool.Type:
            guard case .bool(let flag) = node.value else { throw mismatch("true or false", node, path) }
            return flag as? T
        case is Double.Type: return try double(node, path) as? T
        case is Float.Type:
            let value = try double(node, path)
            guard abs(value) <= Double(Float.greatestFiniteMagnitude) || !value.isFinite else {
                throw mismatch("a number within ±\(Float.greatestFiniteMagnitude)", node, path)
            }
            return Float(value) as? T
        case is Int.Type: return try integer(node, path, Int.self) as? T
        case is Int64.Type: return try integer(node, path, Int64.self) as? T
        case is Int32.Type: return try integer(node, path, Int32.self) as? T
        case is Int16.Type: return try integer(node, path, Int16.self) as? T
        case is Int8.Type: return try integer(node, path, Int8.self) as? T
        case is UInt.Type: return try integer(node, path, UInt.self) as? T
        case is UInt64.Type: return try integer(node, path, UInt64.self) as? T
        case is UInt32.Type: return try integer(node, path, UInt32.self) as? T
        case is UInt16.Type: return try integer(node, path, UInt16.self) as? T
        case is UInt8.Type: return try integer(node, path, UInt8.self) as? T
        case is Date.Type where options.iso8601Dates:
            guard case .string(let text) = node.value else { throw mismatch("an ISO 8601 date string", node, path) }
            let plain = ISO8601DateFormatter()
            let fractional = ISO8601DateFormatter()
            fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            guard let date = plain.date(from: text) ?? fractional.date(from: text) else {
                throw mismatch("an ISO 8601 date like 2026-12-05T22:00:00Z", node, path)
            }
            return date as? T
        default:
            return nil
        }
    }

    func double(_ node: JSONNode, _ path: [JSONPathComponent]) throws -> Double {
        switch node.value {
        case .number(let text):
            guard let value = Double(text), value.isFinite else {
                throw mismatch("a finite number (at most ±\(Double.greatestFiniteMagnitude))", node, path)
            }
            return value
        case .string("NaN") where options.nonFiniteStrings: return .nan
        case .string("Infinity") where options.nonFiniteStrings: return .infinity
        case .string("-Infinity") where options.nonFiniteStrings: return -.infinity
        default:
            throw mismatch("a number", node, path)
        }
    }

    func integer<I: FixedWidthInteger>(_ node: JSONNode, _ path: [JSONPathComponent], _ type: I.Type) throws -> I {
        guard case .number(let text) = node.value else { throw mismatch("a whole number", node, path) }
        if let exact = I(text) { return exact }
        let range = "\(I.min)…\(I.max)"
        if let value = Double(text), value.isFinite, value.rounded() == value {
            // 1e3 is a whole number written with an exponent; accept it when it is exact.
            guard abs(value) < 9.007_199_254_740_992e15, let exact = I(exactly: value) else {
                throw mismatch("a whole number in \(range)", node, path)
            }
            return exact
        }
        if let value = Double(text), value.isFinite {
            throw mismatch("a whole number", node, path, hint: "this field counts whole units; remove the fraction")
        }
        throw mismatch("a whole number in \(range)", node, path)
    }

    /// A `DecodingError` thrown by a type's own `init(from:)`, located in the tree.
    func problem(_ error: DecodingError, root: JSONNode) -> InputProblem {
        func path(_ codingPath: [any CodingKey]) -> [JSONPathComponent] {
            codingPath.map { key in key.intValue.map(JSONPathComponent.index) ?? .key(key.stringValue) }
        }
        let (components, message): ([JSONPathComponent], String) = switch error {
        case let .dataCorrupted(context): (path(context.codingPath), context.debugDescription)
        case let .keyNotFound(key, context): (path(context.codingPath) + [.key(key.stringValue)], "no key '\(key.stringValue)'")
        case let .typeMismatch(_, context): (path(context.codingPath), context.debugDescription)
        case let .valueNotFound(_, context): (path(context.codingPath), context.debugDescription)
        @unknown default: ([], "\(error)")
        }
        return CheckedJSON.problem(in: root, file: file, field: JSONPathComponent.text(components),
                                   expected: "a value of the documented form", found: message)
    }

    /// Keys of objects the type read as keyed containers that it never asked for.
    func collectUnknownKeys(_ node: JSONNode, path: [JSONPathComponent], into problems: inout [InputProblem]) {
        switch node.value {
        case .object(let members):
            let here = JSONPathComponent.text(path)
            if let asked = known[here] {
                for member in members where !asked.contains(member.key) {
                    let candidates = asked.sorted()
                    problems.append(InputProblem(
                        file: file, field: JSONPathComponent.text(path + [.key(member.key)]), location: member.keyLocation,
                        expected: "one of the keys \(candidates.joined(separator: ", "))", found: "the unknown key '\(member.key)'",
                        hint: KeySuggestion.hint(for: member.key, in: candidates) ?? "remove it (see the format's documentation)"))
                }
            }
            for member in members { collectUnknownKeys(member.value, path: path + [.key(member.key)], into: &problems) }
        case .array(let elements):
            for (index, element) in elements.enumerated() { collectUnknownKeys(element, path: path + [.index(index)], into: &problems) }
        default:
            break
        }
    }
}

/// A coding key for paths.
struct PathKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) { stringValue = "\(intValue)"; self.intValue = intValue }
    init(_ component: JSONPathComponent) {
        switch component {
        case .key(let key): self.init(stringValue: key)
        case .index(let index): self.init(intValue: index)
        }
    }
}

/// A `Decoder` over a `JSONNode`.
struct NodeDecoder: Decoder {
    let state: NodeDecodingState
    let node: JSONNode
    let path: [JSONPathComponent]

    var codingPath: [any CodingKey] { path.map { PathKey($0) } }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = node.value else { throw state.mismatch("an object { … }", node, path) }
        let here = JSONPathComponent.text(path)
        if state.known[here] == nil { state.known[here] = [] }
        return KeyedDecodingContainer(KeyedNodeContainer<Key>(decoder: self, members: members, here: here))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = node.value else { throw state.mismatch("an array [ … ]", node, path) }
        return UnkeyedNodeContainer(decoder: self, elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleNodeContainer(decoder: self) }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let members: [JSONNode.Member]
    let here: String

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] {
        for member in members { decoder.state.known[here, default: []].insert(member.key) }
        return members.compactMap { Key(stringValue: $0.key) }
    }

    private func ask(_ key: Key) -> JSONNode? {
        decoder.state.known[here, default: []].insert(key.stringValue)
        return members.last { $0.key == key.stringValue }?.value
    }

    private func child(_ key: Key) throws -> JSONNode {
        guard let node = ask(key) else {
            let present = members.map(\.key)
            let near = KeySuggestion.closest(to: key.stringValue, in: present)
            throw InputProblem(file: decoder.state.file, field: JSONPathComponent.text(decoder.path + [.key(key.stringValue)]),
                               location: members.first { $0.key == near }?.keyLocation ?? decoder.node.location,
                               expected: "the required key '\(key.stringValue)'",
                               found: near.map { "'\($0)' instead" } ?? "no such key",
                               hint: near.map { _ in "did you mean '\(key.stringValue)'?" } ?? "add it (see the format's documentation)")
        }
        return node
    }

    func contains(_ key: Key) -> Bool { ask(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let node = ask(key) else { return true }
        if case .null = node.value { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let node = try child(key)
        return try decoder.state.unbox(type, node: node, path: decoder.path + [.key(key.stringValue)])
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let node = ask(key) else { return nil }
        if case .null = node.value { return nil }
        return try decoder.state.unbox(type, node: node, path: decoder.path + [.key(key.stringValue)])
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try NodeDecoder(state: decoder.state, node: child(key), path: decoder.path + [.key(key.stringValue)]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try NodeDecoder(state: decoder.state, node: child(key), path: decoder.path + [.key(key.stringValue)]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        decoder.state.known[here, default: []].insert("super")
        return NodeDecoder(state: decoder.state, node: members.last { $0.key == "super" }?.value ?? JSONNode(value: .null, location: decoder.node.location),
                           path: decoder.path + [.key("super")])
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        NodeDecoder(state: decoder.state, node: ask(key) ?? JSONNode(value: .null, location: decoder.node.location),
                    path: decoder.path + [.key(key.stringValue)])
    }
}

struct UnkeyedNodeContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let elements: [JSONNode]
    var currentIndex = 0

    init(decoder: NodeDecoder, elements: [JSONNode]) {
        self.decoder = decoder
        self.elements = elements
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private mutating func next() throws -> (JSONNode, [JSONPathComponent]) {
        guard !isAtEnd else {
            throw InputProblem(file: decoder.state.file, field: JSONPathComponent.text(decoder.path + [.index(currentIndex)]),
                               location: decoder.node.location, expected: "another element", found: "the end of the array")
        }
        defer { currentIndex += 1 }
        return (elements[currentIndex], decoder.path + [.index(currentIndex)])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if case .null = elements[currentIndex].value { currentIndex += 1; return true }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (node, path) = try next()
        return try decoder.state.unbox(type, node: node, path: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (node, path) = try next()
        return try NodeDecoder(state: decoder.state, node: node, path: path).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (node, path) = try next()
        return try NodeDecoder(state: decoder.state, node: node, path: path).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (node, path) = try next()
        return NodeDecoder(state: decoder.state, node: node, path: path)
    }
}

struct SingleNodeContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder

    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool {
        if case .null = decoder.node.value { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try decoder.state.unbox(type, node: decoder.node, path: decoder.path)
    }
}
