/// A number of bytes (a data volume on a DAG edge, a transfer size, a memory size).
public struct ByteCount: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The number of bytes.
    public var bytes: Int

    /// A byte count of `bytes` bytes.
    public init(_ bytes: Int) { self.bytes = bytes }

    /// `count` bytes.
    public static func bytes(_ count: Int) -> ByteCount { ByteCount(count) }
    /// `count` kibibytes (1024 bytes each).
    public static func kibibytes(_ count: Int) -> ByteCount { ByteCount(count * 1024) }
    /// `count` mebibytes (1024² bytes each).
    public static func mebibytes(_ count: Int) -> ByteCount { ByteCount(count * 1024 * 1024) }
    /// Zero bytes.
    public static let zero = ByteCount(0)

    /// The number of bits (8 per byte), as a Double for rate arithmetic.
    public var bits: Double { Double(bytes) * 8 }

    /// Orders byte counts by size.
    public static func < (lhs: ByteCount, rhs: ByteCount) -> Bool { lhs.bytes < rhs.bytes }

    /// The sum of two byte counts.
    public static func + (lhs: ByteCount, rhs: ByteCount) -> ByteCount { ByteCount(lhs.bytes + rhs.bytes) }

    /// The count in bytes, e.g. "1448 B".
    public var description: String { "\(bytes) B" }

    /// Decodes a plain JSON integer.
    public init(from decoder: any Decoder) throws {
        bytes = try decoder.singleValueContainer().decode(Int.self)
    }

    /// Encodes as a plain JSON integer.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(bytes)
    }
}
