import Foundation

/// Lepton's one policy for reading a JSON file a user gives it (docs/INPUTS.md).
///
/// `decode` reads the file as strict JSON with positions (`JSONNode.parse`) and decodes a
/// `Decodable` type from that tree, so every refusal names the file, the field path
/// (`jobs[3].edges[1].data`), the line and column, what was expected and what was found:
/// - a number with a fraction where a whole number is needed, or one beyond the type's
///   range, is refused (never truncated); so is a number that overflows `Double` (`1e999`);
/// - a missing required key is named, with the nearest key the object does have;
/// - a key the type never asked for is refused with the nearest valid key ("did you mean
///   'weight'?") — or, for formats that must stay open, returned as a warning.
public enum CheckedJSON {
    /// What to do with a key that the format does not know.
    public enum UnknownKeys: Sendable {
        /// Refuse the file (the default: a misspelt optional key must not be ignored).
        case refuse
        /// Accept it, and return a warning naming it (formats that must stay open to newer writers).
        case warn
    }

    /// How numbers, dates and unknown keys are read.
    public struct Options: Sendable {
        /// What to do with unknown keys.
        public var unknownKeys: UnknownKeys
        /// Read the strings "NaN", "Infinity" and "-Infinity" as floating-point numbers
        /// (Lepton's own results.json policy, `LabJSON`); off for hand-written inputs.
        public var nonFiniteStrings: Bool
        /// Read `Date` values as ISO 8601 strings.
        public var iso8601Dates: Bool

        /// Options for a hand-written input: unknown keys refused, finite numbers only.
        public init(unknownKeys: UnknownKeys = .refuse, nonFiniteStrings: Bool = false, iso8601Dates: Bool = true) {
            self.unknownKeys = unknownKeys
            self.nonFiniteStrings = nonFiniteStrings
            self.iso8601Dates = iso8601Dates
        }
    }

    /// A decoded value with the tree it came from and the warnings about it.
    public struct Decoded<Value> {
        /// The value.
        public var value: Value
        /// The file's tree, for locating fields that later checks find at fault.
        public var root: JSONNode
        /// Unknown keys accepted under `UnknownKeys.warn`.
        public var warnings: [InputProblem]
    }

    /// Reads `url` and decodes `type` from it; errors name the path as given.
    public static func decode<T: Decodable>(_ type: T.Type, contentsOf url: URL, file: String? = nil,
                                            options: Options = Options()) throws(InputProblem) -> Decoded<T> {
        let name = file ?? url.path
        return try decode(type, from: try read(url, file: name), file: name, options: options)
    }

    /// The bytes of `url`, or a problem naming it (missing, a folder, unreadable).
    public static func read(_ url: URL, file: String? = nil) throws(InputProblem) -> Data {
        let name = file ?? url.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw InputProblem(file: name, expected: "an existing file", found: "no such file", hint: "check the path")
        }
        guard !isFolder.boolValue else {
            throw InputProblem(file: name, expected: "a file", found: "a folder", hint: "name the file inside it")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw InputProblem(file: name, expected: "a readable file", found: error.localizedDescription, hint: "check the permissions")
        }
    }

    /// Decodes `type` from `data` under `options`; errors name `file`.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String,
                                            options: Options = Options()) throws(InputProblem) -> Decoded<T> {
        let root = try JSONNode.parse(data, file: file)
        let state = NodeDecodingState(file: file, options: options)
        let value: T
        do {
            value = try state.unbox(type, node: root, path: [])
        } catch let problem as InputProblem {
            throw problem
        } catch let error as DecodingError {
            throw state.problem(error, root: root)
        } catch {
            throw InputProblem(file: file, expected: "a value of the documented form", found: "\(error)")
        }
        var unknown: [InputProblem] = []
        state.collectUnknownKeys(root, path: [], into: &unknown)
        if options.unknownKeys == .refuse, let first = unknown.first { throw first }
        return Decoded(value: value, root: root, warnings: unknown)
    }

    /// A problem found after decoding, located at `field` (`jobs[3].work`) of `root`.
    public static func problem(in root: JSONNode, file: String, field: String, expected: String, found: String,
                               hint: String? = nil) -> InputProblem {
        var path = JSONPathComponent.parse(field)
        var node = root.node(at: path)
        while node == nil, !path.isEmpty {
            path.removeLast()
            node = root.node(at: path)
        }
        return InputProblem(file: file, field: field, location: node?.location, expected: expected, found: found, hint: hint)
    }
}
