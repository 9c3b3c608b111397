import Foundation

/// A whole number of bytes (a payload, wire traffic, a memory size, a data volume on a DAG
/// edge). One type for the whole of Lepton. Decimal constructors use powers of 1000 (network
/// convention), binary ones powers of 1024 (memory convention); both round down to whole bytes.
///
/// Encodes as a plain JSON integer (bytes), the form scheduling instance files use for
/// `memory`, `input` and `data`.
public struct ByteCount: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The number of bytes.
    public var bytes: Int

    /// `bytes` bytes.
    public init(bytes: Int) { self.bytes = bytes }

    /// Zero bytes.
    public static let zero = ByteCount(bytes: 0)
    /// `count` bytes.
    public static func bytes(_ count: Int) -> ByteCount { ByteCount(bytes: count) }
    /// `x` × 1000 bytes, rounded down.
    public static func kilobytes(_ x: Double) -> ByteCount { ByteCount(bytes: Int(x * 1e3)) }
    /// `x` × 10⁶ bytes, rounded down.
    public static func megabytes(_ x: Double) -> ByteCount { ByteCount(bytes: Int(x * 1e6)) }
    /// `x` × 10⁹ bytes, rounded down.
    public static func gigabytes(_ x: Double) -> ByteCount { ByteCount(bytes: Int(x * 1e9)) }
    /// `x` × 1024 bytes, rounded down.
    public static func kibibytes(_ x: Double) -> ByteCount { ByteCount(bytes: Int(x * 1024)) }
    /// `x` × 1024² bytes, rounded down.
    public static func mebibytes(_ x: Double) -> ByteCount { ByteCount(bytes: Int(x * 1_048_576)) }
    /// `x` × 1024³ bytes, rounded down.
    public static func gibibytes(_ x: Double) -> ByteCount { ByteCount(bytes: Int(x * 1_073_741_824)) }

    /// The number of bits (8 per byte).
    public var bits: Int { bytes * 8 }

    /// Orders byte counts by size.
    public static func < (lhs: ByteCount, rhs: ByteCount) -> Bool { lhs.bytes < rhs.bytes }
    /// The sum of two byte counts.
    public static func + (lhs: ByteCount, rhs: ByteCount) -> ByteCount { ByteCount(bytes: lhs.bytes + rhs.bytes) }
    /// The difference of two byte counts.
    public static func - (lhs: ByteCount, rhs: ByteCount) -> ByteCount { ByteCount(bytes: lhs.bytes - rhs.bytes) }
    /// Adds `rhs` to `lhs` in place.
    public static func += (lhs: inout ByteCount, rhs: ByteCount) { lhs.bytes += rhs.bytes }
    /// `count` times the byte count.
    public static func * (lhs: ByteCount, count: Int) -> ByteCount { ByteCount(bytes: lhs.bytes * count) }

    /// The count in decimal units: "512 B", "1.23 kB", "4.19 MB", "1.07 GB".
    public var description: String {
        let b = Double(bytes)
        switch abs(b) {
        case ..<1e3: return "\(bytes) B"
        case ..<1e6: return String(format: "%.2f kB", b / 1e3)
        case ..<1e9: return String(format: "%.2f MB", b / 1e6)
        default: return String(format: "%.2f GB", b / 1e9)
        }
    }

    /// Decodes a plain JSON integer (bytes).
    public init(from decoder: any Decoder) throws {
        bytes = try decoder.singleValueContainer().decode(Int.self)
    }

    /// Encodes as a plain JSON integer (bytes).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(bytes)
    }
}
