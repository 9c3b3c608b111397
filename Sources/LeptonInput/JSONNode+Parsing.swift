import Foundation
// No Yams type appears in LeptonInput's interface (the tree is converted to JSONNode at once).
internal import Yams

extension JSONNode {
    /// The deepest nesting of arrays and objects a file may have (deeper files are refused
    /// before they are read, so a hostile file cannot exhaust the stack).
    public static let maximumDepth = 128

    /// Reads `data` as one strict JSON document (RFC 8259), keeping positions.
    ///
    /// The text is read by Yams (libyaml), whose flow syntax is a superset of JSON, for its
    /// line and column marks; every node is then checked to be JSON (double-quoted strings
    /// and keys, bracketed arrays and objects, numbers in JSON's grammar, no comments or
    /// trailing commas: `JSONSerialization` must accept the same bytes). Duplicate keys,
    /// invalid UTF-8, an empty file, nesting deeper than `maximumDepth`, a `NaN` or
    /// `Infinity` token and anything after the document are refused, naming `file`, the
    /// field path and the line and column.
    public static func parse(_ data: Data, file: String) throws(InputProblem) -> JSONNode {
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputProblem(file: file, expected: "UTF-8 text", found: "bytes that are not UTF-8",
                               hint: "save the file as UTF-8 JSON")
        }
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw InputProblem(file: file, expected: "a JSON document", found: data.isEmpty ? "an empty file" : "only white space")
        }
        try checkBrackets(text, file: file)
        let root: Node
        do {
            let parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
            guard let node = try parser.singleRoot() else {
                throw InputProblem(file: file, expected: "a JSON document", found: "no value")
            }
            root = node
        } catch let problem as InputProblem {
            throw problem
        } catch let error as YamlError {
            throw problem(error, file: file, text: text)
        } catch {
            throw InputProblem(file: file, expected: "valid JSON", found: "\(error)")
        }
        var hugeNumber: InputProblem?
        let node = try convert(root, path: [], file: file, hugeNumber: &hugeNumber)
        guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else {
            // JSON's grammar allows 1e999, but no reader can hold it: name it where it stands.
            if let hugeNumber { throw hugeNumber }
            throw InputProblem(file: file, expected: "valid JSON (RFC 8259)",
                               found: "a construct JSON does not allow (YAML syntax, a comment, a trailing comma or an escape JSON lacks)",
                               hint: "check the file with a JSON validator such as `python3 -m json.tool`")
        }
        return node
    }

    /// Refuses nesting deeper than `maximumDepth` and a comma before `]` or `}` (which
    /// libyaml's flow syntax and Foundation's reader both let through), looking at brackets
    /// and commas outside strings only.
    private static func checkBrackets(_ text: String, file: String) throws(InputProblem) {
        var depth = 0, line = 1, column = 0
        var inString = false, escaped = false
        var lastComma: (line: Int, column: Int)?
        for scalar in text.unicodeScalars {
            column += 1
            if scalar == "\n" { line += 1; column = 0; continue }
            if inString {
                if escaped { escaped = false } else if scalar == "\\" { escaped = true } else if scalar == "\"" { inString = false }
                continue
            }
            if scalar.properties.isWhitespace { continue }
            switch scalar {
            case "\"": inString = true
            case "[", "{":
                depth += 1
                if depth > maximumDepth {
                    throw InputProblem(file: file, location: .text(line: line, column: column),
                                       expected: "arrays and objects nested at most \(maximumDepth) deep",
                                       found: "a deeper nesting")
                }
            case "]", "}":
                depth -= 1
                if let comma = lastComma {
                    throw InputProblem(file: file, location: .text(line: comma.line, column: comma.column),
                                       expected: "another value after ','", found: "'\(scalar)'", hint: "remove the trailing comma")
                }
            default: break
            }
            lastComma = scalar == "," ? (line, column) : nil
        }
    }

    /// A libyaml syntax error in JSON's terms: "the end of the file" for a truncated file,
    /// the token JSON expected (`',' or '}'`), "more text" after the document.
    private static func problem(_ error: YamlError, file: String, text: String) -> InputProblem {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func isAtEnd(_ mark: Mark) -> Bool {
            guard mark.line <= lines.count else { return true }
            let rest = lines[(mark.line - 1)...].enumerated().map { offset, line in
                offset == 0 ? String(line.unicodeScalars.dropFirst(max(0, mark.column - 1))) : String(line)
            }
            return rest.allSatisfy { $0.allSatisfy(\.isWhitespace) }
        }
        func located(_ mark: Mark, _ problem: String) -> InputProblem {
            let at = SourceLocation.text(line: mark.line, column: mark.column)
            if isAtEnd(mark) {
                // libyaml reports the end of the stream; name the place just after the last character.
                let last = lines.lastIndex { !$0.allSatisfy(\.isWhitespace) } ?? 0
                let trimmed = lines.isEmpty ? "" : String(lines[last]).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
                return InputProblem(file: file, location: .text(line: last + 1, column: trimmed.unicodeScalars.count + 1), expected: "more JSON (a value or a closing bracket)",
                                    found: "the end of the file", hint: "the file looks truncated")
            }
            if problem.contains("<document start>") || problem.contains("another document") {
                return InputProblem(file: file, location: at, expected: "the end of the file after the JSON document",
                                    found: "more text", hint: "remove what follows the document's closing bracket")
            }
            let clean = problem.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
            if let range = clean.range(of: "did not find expected ") {
                return InputProblem(file: file, location: at, expected: String(clean[range.upperBound...]),
                                    found: "something else", hint: "check the brackets, commas and quotes here")
            }
            return InputProblem(file: file, location: at, expected: "valid JSON", found: clean.isEmpty ? "something else" : clean,
                                hint: "check the brackets, commas and quotes here")
        }
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return located(mark, problem)
        case let .duplicatedKeysInMapping(duplicates, context):
            return InputProblem(file: file, location: .text(line: context.mark.line, column: context.mark.column),
                                expected: "each key once per object",
                                found: "the key\(duplicates.count == 1 ? "" : "s") \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")) twice",
                                hint: "remove the repeated key; a reader would otherwise keep only one of them")
        case let .reader(problem, offset, _, _):
            return InputProblem(file: file, location: offset.map { .byte($0) }, expected: "UTF-8 text without control characters", found: problem)
        default:
            return InputProblem(file: file, expected: "valid JSON", found: "\(error)")
        }
    }

    private static func location(_ mark: Mark?) -> SourceLocation {
        mark.map { .text(line: $0.line, column: $0.column) } ?? .text(line: 1, column: 1)
    }

    private static func notJSON(_ what: String, at mark: Mark?, path: [JSONPathComponent], file: String, hint: String? = nil) -> InputProblem {
        InputProblem(file: file, field: JSONPathComponent.text(path), location: location(mark),
                     expected: "a JSON value (a number, a \"string\", true, false, null, [ … ] or { … })", found: what, hint: hint)
    }

    private static func convert(_ node: Node, path: [JSONPathComponent], file: String,
                                hugeNumber: inout InputProblem?) throws(InputProblem) -> JSONNode {
        switch node {
        case .scalar(let scalar):
            let at = location(scalar.mark)
            switch scalar.style {
            case .doubleQuoted:
                return JSONNode(value: .string(scalar.string), location: at)
            case .plain:
                switch scalar.string {
                case "true": return JSONNode(value: .bool(true), location: at)
                case "false": return JSONNode(value: .bool(false), location: at)
                case "null": return JSONNode(value: .null, location: at)
                default:
                    guard isJSONNumber(scalar.string) else {
                        let word = scalar.string
                        let nonFinite = ["nan", "infinity", "-infinity", "inf", "-inf", "+infinity"].contains(word.lowercased())
                        throw notJSON("the bare word \(word.count > 40 ? String(word.prefix(40)) + "…" : word)", at: scalar.mark, path: path, file: file,
                                      hint: nonFinite ? "JSON has no NaN or infinite numbers; give a finite number" : "put text in double quotes")
                    }
                    if hugeNumber == nil, !(Double(scalar.string)?.isFinite ?? false) {
                        hugeNumber = InputProblem(file: file, field: JSONPathComponent.text(path), location: at,
                                                  expected: "a finite number (at most ±\(Double.greatestFiniteMagnitude))",
                                                  found: "the number \(scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string)")
                    }
                    return JSONNode(value: .number(scalar.string), location: at)
                }
            default:
                throw notJSON("a \(scalar.style == .singleQuoted ? "single-quoted" : "YAML block") string", at: scalar.mark, path: path, file: file,
                              hint: "JSON strings use double quotes")
            }
        case .sequence(let sequence):
            var elements: [JSONNode] = []
            for (index, element) in sequence.enumerated() {
                elements.append(try convert(element, path: path + [.index(index)], file: file, hugeNumber: &hugeNumber))
            }
            return JSONNode(value: .array(elements), location: location(sequence.mark))
        case .mapping(let mapping):
            var members: [Member] = []
            var seen: Set<String> = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key, keyScalar.style == .doubleQuoted else {
                    throw InputProblem(file: file, field: JSONPathComponent.text(path), location: location(key.mark),
                                       expected: "a key in double quotes", found: "\(key.scalar.map { "the bare key \($0.string)" } ?? "a non-string key")")
                }
                guard seen.insert(keyScalar.string).inserted else {
                    throw InputProblem(file: file, field: JSONPathComponent.text(path + [.key(keyScalar.string)]), location: location(keyScalar.mark),
                                       expected: "each key once per object", found: "the key '\(keyScalar.string)' a second time",
                                       hint: "remove the repeated key; a reader would otherwise keep only one of them")
                }
                members.append(Member(key: keyScalar.string, keyLocation: location(keyScalar.mark),
                                      value: try convert(value, path: path + [.key(keyScalar.string)], file: file, hugeNumber: &hugeNumber)))
            }
            return JSONNode(value: .object(members), location: location(mapping.mark))
        case .alias(let alias):
            throw notJSON("a YAML alias", at: alias.mark, path: path, file: file)
        }
    }

    /// Whether `text` is a number in JSON's grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isJSONNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func digits() -> Int {
            var count = 0
            while let b = bytes.first, b >= 0x30, b <= 0x39 { bytes = bytes.dropFirst(); count += 1 }
            return count
        }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        if bytes.first == UInt8(ascii: "0") { bytes = bytes.dropFirst() } else if digits() == 0 { return false }
        if bytes.first == UInt8(ascii: ".") { bytes = bytes.dropFirst(); if digits() == 0 { return false } }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            if digits() == 0 { return false }
        }
        return bytes.isEmpty
    }
}
