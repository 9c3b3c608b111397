import Foundation

/// Lepton's one JSON coding policy, used for results.json, history.jsonl, baselines, the
/// cell cache and every `--json` output (docs/RESULTS.md):
/// - keys sorted, so equal records are equal files;
/// - non-finite numbers as the strings `"NaN"`, `"Infinity"` and `"-Infinity"` (JSON has
///   no such numbers; a standard parser reads them as strings, and Python's
///   `float(value)` turns them back into floats);
/// - dates as ISO 8601.
public enum LabJSON {
    /// An encoder with the policy; `pretty` adds indentation.
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// A decoder with the policy.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
