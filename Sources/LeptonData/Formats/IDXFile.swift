import Foundation

/// One unsigned-byte IDX file, the container MNIST and Fashion-MNIST ship in.
///
/// Layout: two zero bytes, the element type (0x08 = unsigned byte), the number of
/// dimensions, then each dimension size as a big-endian 32-bit integer, then the
/// elements in row-major order. Files may be gzip-compressed; `parse` detects that by the
/// gzip magic 1f 8b.
public struct IDXFile: Sendable {
    /// The element-type byte for unsigned bytes, the only type MNIST-format files use.
    public static let unsignedByteType: UInt8 = 0x08

    /// The dimension sizes, outermost first (for images: count, rows, columns).
    public let dimensions: [Int]
    /// The elements in row-major order; `dimensions` multiply to its count.
    public let elements: [UInt8]

    /// Wraps `elements` with the given `dimensions`; their product must equal `elements.count`.
    public init(dimensions: [Int], elements: [UInt8]) {
        precondition(!dimensions.isEmpty && dimensions.count < 256,
                     "IDX needs 1...255 dimensions, got \(dimensions.count)")
        precondition(dimensions.allSatisfy { $0 >= 0 && $0 <= Int(UInt32.max) },
                     "IDX dimension sizes must fit in 32 bits, got \(dimensions)")
        precondition(dimensions.reduce(1, *) == elements.count,
                     "IDX dimensions \(dimensions) need \(dimensions.reduce(1, *)) elements, got \(elements.count)")
        self.dimensions = dimensions
        self.elements = elements
    }

    /// The file's bytes: the header followed by the elements (not compressed).
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = [0, 0, Self.unsignedByteType, UInt8(dimensions.count)]
        bytes.reserveCapacity(4 + 4 * dimensions.count + elements.count)
        for size in dimensions {
            let value = UInt32(size)
            bytes.append(contentsOf: [UInt8(value >> 24), UInt8((value >> 16) & 0xff),
                                      UInt8((value >> 8) & 0xff), UInt8(value & 0xff)])
        }
        bytes.append(contentsOf: elements)
        return bytes
    }

    /// Writes the file to `url` (gzip-compressed when `compressed`), all or nothing.
    public func write(to url: URL, compressed: Bool) throws(DataError) {
        let plain = encoded()
        try FileBytes.writeAtomically(compressed ? try Gzip.compress(plain) : plain, to: url)
    }

    /// Reads and validates the IDX file at `url`, which must have `dimensionCount` dimensions.
    ///
    /// `remedy` is appended to error messages to say how to get a good copy.
    public static func read(contentsOf url: URL, dimensionCount: Int,
                            remedy: String = "replace the file with a fresh copy") throws(DataError) -> IDXFile {
        try parse(FileBytes.read(url, remedy: remedy), path: url.path, dimensionCount: dimensionCount, remedy: remedy)
    }

    /// Validates and decodes `bytes` (gzip or plain) read from `path`.
    ///
    /// Checks the magic number (0, 0, 0x08, `dimensionCount`), that the header is complete
    /// and that the element bytes match the declared dimensions exactly.
    public static func parse(_ bytes: [UInt8], path: String, dimensionCount: Int,
                             remedy: String = "replace the file with a fresh copy") throws(DataError) -> IDXFile {
        let raw = Gzip.isGzip(bytes) ? try Gzip.decompress(bytes, path: path, remedy: remedy) : bytes
        let expectedMagic: [UInt8] = [0, 0, unsignedByteType, UInt8(clamping: dimensionCount)]
        guard raw.count >= 4 else {
            if raw.count > 0 && raw[0] != 0 {
                throw .wrongMagic(path: path, expected: expectedMagic, found: raw, remedy: remedy)
            }
            throw .truncated(path: path, dimensions: [], expectedBytes: 4, foundBytes: raw.count, remedy: remedy)
        }
        let magic = Array(raw[0..<4])
        guard magic == expectedMagic else {
            throw .wrongMagic(path: path, expected: expectedMagic, found: magic, remedy: remedy)
        }
        let headerSize = 4 + 4 * dimensionCount
        guard raw.count >= headerSize else {
            throw .truncated(path: path, dimensions: [], expectedBytes: headerSize, foundBytes: raw.count,
                             remedy: remedy)
        }
        var dimensions: [Int] = []
        var elementCount = 1
        for index in 0..<dimensionCount {
            let at = 4 + 4 * index
            let size = Int(raw[at]) << 24 | Int(raw[at + 1]) << 16 | Int(raw[at + 2]) << 8 | Int(raw[at + 3])
            dimensions.append(size)
            let (product, overflow) = elementCount.multipliedReportingOverflow(by: size)
            elementCount = overflow ? Int.max : product
        }
        if dimensions.first == 0 {
            throw .emptyIDX(path: path, dimensions: dimensions, remedy: remedy)
        }
        let found = raw.count - headerSize
        if found < elementCount {
            throw .truncated(path: path, dimensions: dimensions, expectedBytes: elementCount, foundBytes: found,
                             remedy: remedy)
        }
        if found > elementCount {
            throw .trailingBytes(path: path, dimensions: dimensions, expectedBytes: elementCount, foundBytes: found,
                                 remedy: remedy)
        }
        return IDXFile(dimensions: dimensions, elements: Array(raw[headerSize...]))
    }
}
