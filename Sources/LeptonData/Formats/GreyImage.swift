import Foundation

/// A grey-scale image with values in [0, 1], row-major, read from a PGM file (or built
/// from any decoder's pixels) for `lepton predict`.
public struct GreyImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `height × width` values in [0, 1], row by row.
    public let pixels: [Float]

    /// Wraps `pixels` (row-major, `width × height` values in [0, 1]).
    public init(width: Int, height: Int, pixels: [Float]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height,
                     "a \(width)×\(height) image needs \(width * height) pixels, got \(pixels.count)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Whether `bytes` start like a PGM file (`P2` text or `P5` binary).
    public static func isPGM(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == UInt8(ascii: "P") && (bytes[1] == UInt8(ascii: "5") || bytes[1] == UInt8(ascii: "2"))
    }

    /// Parses a PGM file (binary P5 with 8- or 16-bit samples, or text P2); values are scaled by the maximum value.
    public static func parsePGM(_ bytes: [UInt8], path: String) throws(DataError) -> GreyImage {
        guard isPGM(bytes) else {
            throw .malformedImage(path: path, problem: "does not start with P5 or P2 (a PGM magic number)")
        }
        var at = 2
        func token() -> Int? {
            while at < bytes.count {
                if bytes[at] == UInt8(ascii: "#") {
                    while at < bytes.count, bytes[at] != 0x0A { at += 1 }
                } else if bytes[at] == 0x20 || (0x09...0x0D).contains(bytes[at]) {
                    at += 1
                } else { break }
            }
            var value = 0
            var digits = 0
            while at < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]), digits < 9 {
                value = value * 10 + Int(bytes[at] - UInt8(ascii: "0"))
                at += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        guard let width = token(), let height = token(), let maximum = token(),
              width > 0, height > 0, width * height <= 1 << 26, (1...65535).contains(maximum) else {
            throw .malformedImage(path: path, problem: "the header needs a positive width, height and a maximum value in 1...65535")
        }
        let count = width * height
        var values: [Float] = []
        values.reserveCapacity(count)
        if bytes[1] == UInt8(ascii: "5") {
            at += 1  // the single whitespace byte after the maximum value
            let size = maximum > 255 ? 2 : 1
            guard bytes.count - at == count * size else {
                throw .malformedImage(path: path, problem: "\(width)×\(height) samples need \(count * size) bytes after the header, found \(max(0, bytes.count - at))")
            }
            for i in 0..<count {
                let raw = size == 1 ? Int(bytes[at + i]) : Int(bytes[at + 2 * i]) << 8 | Int(bytes[at + 2 * i + 1])
                values.append(Float(min(raw, maximum)) / Float(maximum))
            }
        } else {
            for i in 0..<count {
                guard let raw = token() else {
                    throw .malformedImage(path: path, problem: "sample \(i) of \(count) is missing")
                }
                values.append(Float(min(raw, maximum)) / Float(maximum))
            }
        }
        return GreyImage(width: width, height: height, pixels: values)
    }

    /// The same image with every value v replaced by 1 − v (dark strokes on light paper → MNIST's light on dark).
    public func inverted() -> GreyImage {
        GreyImage(width: width, height: height, pixels: pixels.map { 1 - $0 })
    }
}
