import Foundation

/// Reads the UCI optical-digits CSV: one image a line, 64 pixel counts (0...16) then the label (0...9).
public enum DigitsCSV {
    /// Image side length in pixels.
    public static let side = 8
    /// The largest pixel value (each pixel counts the "on" bits in a 4×4 block).
    public static let maximumPixel = 16
    /// The number of classes (the digits 0–9).
    public static let classCount = 10
    /// The catalogue split: within each class, every 5th sample in file order goes to test.
    public static let testEvery = 5

    /// Reads `url` (gzip or plain) into one set named `name`, pixels scaled by 1/16.
    public static func read(contentsOf url: URL, name: String = "digits",
                            remedy: String = "restore the file with `git checkout -- Datasets/digits`") throws(DataError) -> LabeledImages {
        try parse(FileBytes.read(url, remedy: remedy), path: url.path, name: name, remedy: remedy)
    }

    /// Parses the CSV `bytes` (gzip or plain) read from `path`; every line is checked.
    public static func parse(_ bytes: [UInt8], path: String, name: String = "digits",
                             remedy: String = "restore the file with `git checkout -- Datasets/digits`") throws(DataError) -> LabeledImages {
        let text = Gzip.isGzip(bytes) ? try Gzip.decompress(bytes, path: path, remedy: remedy) : bytes
        let fieldsPerLine = side * side + 1
        var pixels: [UInt8] = []
        var labels: [Int32] = []
        var fields: [Int] = []
        fields.reserveCapacity(fieldsPerLine)
        var lineNumber = 0
        var start = 0
        while start < text.count {
            var end = start
            while end < text.count && text[end] != UInt8(ascii: "\n") { end += 1 }
            lineNumber += 1
            var line = text[start..<end]
            start = end + 1
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.isEmpty { continue }
            fields.removeAll(keepingCapacity: true)
            for field in line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                guard let value = integer(field) else {
                    throw .malformedCSV(path: path, line: lineNumber,
                                        problem: "field \(fields.count + 1) is '\(String(decoding: field, as: UTF8.self))', expected a whole number",
                                        remedy: remedy)
                }
                fields.append(value)
            }
            guard fields.count == fieldsPerLine else {
                throw .malformedCSV(path: path, line: lineNumber,
                                    problem: "expected \(fieldsPerLine) fields (64 pixels and a label) but found \(fields.count)",
                                    remedy: remedy)
            }
            for (column, value) in fields.dropLast().enumerated() {
                guard (0...maximumPixel).contains(value) else {
                    throw .malformedCSV(path: path, line: lineNumber,
                                        problem: "pixel \(column + 1) is \(value), expected 0...\(maximumPixel)",
                                        remedy: remedy)
                }
                pixels.append(UInt8(value))
            }
            let label = fields[fieldsPerLine - 1]
            guard (0..<classCount).contains(label) else {
                throw .labelOutOfRange(path: path, index: labels.count, label: label, classCount: classCount,
                                       remedy: remedy)
            }
            labels.append(Int32(label))
        }
        return LabeledImages(name: name, height: side, width: side, channels: 1,
                             images: LabeledImages.scaledPixels(pixels, maximum: Float(maximumPixel)),
                             labels: labels, classCount: classCount)
    }

    /// A non-negative decimal integer, allowing a trailing ".0" as NumPy writes whole floats.
    private static func integer(_ field: ArraySlice<UInt8>) -> Int? {
        var digits = field
        if let dot = digits.firstIndex(of: UInt8(ascii: ".")) {
            guard digits[(dot + 1)...].allSatisfy({ $0 == UInt8(ascii: "0") }) else { return nil }
            digits = digits[..<dot]
        }
        guard !digits.isEmpty, digits.count < 10 else { return nil }
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
