import Foundation

/// A number of bytes (payloads, wire traffic, memory). Decimal constructors use powers of
/// 1000 (network convention); binary ones powers of 1024 (memory convention).
public struct ByteCount: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The count.
    public var bytes: Int

    /// `bytes` bytes.
    public init(bytes: Int) { self.bytes = bytes }

    /// Zero bytes.
    public static let zero = ByteCount(bytes: 0)
    /// `n` bytes.
    public static func bytes(_ n: Int) -> ByteCount { ByteCount(bytes: n) }
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

    /// The number of bits.
    public var bits: Int { bytes * 8 }

    public static func < (a: ByteCount, b: ByteCount) -> Bool { a.bytes < b.bytes }
    /// The sum.
    public static func + (a: ByteCount, b: ByteCount) -> ByteCount { ByteCount(bytes: a.bytes + b.bytes) }
    /// The difference.
    public static func - (a: ByteCount, b: ByteCount) -> ByteCount { ByteCount(bytes: a.bytes - b.bytes) }
    /// Adds in place.
    public static func += (a: inout ByteCount, b: ByteCount) { a.bytes += b.bytes }
    /// `n` times the count.
    public static func * (a: ByteCount, n: Int) -> ByteCount { ByteCount(bytes: a.bytes * n) }

    /// "1.23 MB", "512 B" (decimal units).
    public var description: String {
        let b = Double(bytes)
        switch abs(b) {
        case ..<1e3: return "\(bytes) B"
        case ..<1e6: return String(format: "%.2f kB", b / 1e3)
        case ..<1e9: return String(format: "%.2f MB", b / 1e6)
        default: return String(format: "%.2f GB", b / 1e9)
        }
    }
}
