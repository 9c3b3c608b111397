/// A numeric format a tier can compute in.
public enum Precision: String, Sendable, Codable, CaseIterable, Comparable {
    /// IEEE 754 single precision.
    case float32
    /// int8 weights (dequantised on the fly; activations Float32).
    case int8

    public static func < (a: Precision, b: Precision) -> Bool { a.rawValue < b.rawValue }
}
