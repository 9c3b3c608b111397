import Foundation

extension DatasetCatalogue {
    /// Loads an IDX data set as bytes (a quarter of the memory of ``load(name:)``), each file
    /// checksum-verified before it is parsed; nil when `name` is a catalogued data set that
    /// is not stored as IDX (the embedded digits CSV), for which ``load(name:)`` is the way.
    ///
    /// Also nil when ``DatasetReference`` resolves `name` to a folder: a user's folder goes
    /// through `IDXFolder` (dash or dotted names, plain or gzip, labels checked against the
    /// class count), the float loader.
    public static func loadBytes(name: String) throws(DataError) -> ByteDatasetSplit? {
        guard case let .catalogued(entry) = try DatasetReference.resolve(name) else { return nil }
        let catalogue = try DatasetCatalogue()
        let descriptor = try catalogue.descriptor(named: entry)
        guard descriptor.format == .idx else { return nil }
        var parts: [String: ByteImages] = [:]
        var checksums: [String: String] = [:]
        for part in ["train", "test"] {
            var parsed: [IDXFile] = []
            var paths: [String] = []
            for role in ["\(part)-images", "\(part)-labels"] {
                guard let file = descriptor.file(role: role) else {
                    throw .catalogueUnreadable(path: catalogue.directory.appendingPathComponent(fileName).path,
                                               reason: "data set \(descriptor.name) has no file with role \(role)")
                }
                let verified = try catalogue.readVerified(file, of: descriptor)
                var bytes = verified.bytes
                let url = verified.url
                checksums[file.name] = verified.sha256
                parsed.append(try IDXFile.parseInPlace(&bytes, path: url.path, dimensionCount: role.hasSuffix("images") ? 3 : 1,
                                                       remedy: descriptor.whenCorrupt))
                paths.append(url.path)
            }
            let set = try ByteImages.fromIDX(images: parsed[0], imagesPath: paths[0], labels: parsed[1], labelsPath: paths[1],
                                             name: "\(descriptor.name)/\(part)", classCount: descriptor.classNames.count,
                                             remedy: descriptor.whenCorrupt)
            let shape = ImageShape(height: set.height, width: set.width, channels: set.channels)
            guard shape == descriptor.shape else {
                throw .shapeMismatch(path: paths[0], expected: [descriptor.shape.height, descriptor.shape.width, descriptor.shape.channels],
                                     found: set.imageShape, remedy: descriptor.whenCorrupt)
            }
            parts[part] = set
        }
        guard let train = parts["train"], let test = parts["test"] else { return nil }
        return ByteDatasetSplit(name: descriptor.name, train: train, test: test, classNames: descriptor.classNames,
                                checksums: checksums)
    }
}

extension IDXFile {
    /// Like ``parse(_:path:dimensionCount:remedy:)`` but with at most one decompressed
    /// copy alive: `bytes` is emptied (the compressed data freed before the header is
    /// checked) and the elements are the decompressed buffer with its header removed in
    /// place, so a 47 MB image file never needs 94 MB.
    static func parseInPlace(_ bytes: inout [UInt8], path: String, dimensionCount: Int,
                             remedy: String) throws(DataError) -> IDXFile {
        var raw: [UInt8]
        if Gzip.isGzip(bytes) {
            raw = try Gzip.decompress(bytes, path: path, remedy: remedy)
            bytes = []
        } else {
            raw = bytes
            bytes = []
        }
        let headerSize = 4 + 4 * dimensionCount
        guard raw.count >= headerSize else {
            // Too short to hold the header: the full parser reports exactly what is wrong.
            return try parse(raw, path: path, dimensionCount: dimensionCount, remedy: remedy)
        }
        // A well-formed file is taken as it is; anything else goes to the full parser,
        // whose error names what is wrong.
        let header = IDXFile.headerDimensions(raw, dimensionCount: dimensionCount)
        let expected = header.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        guard raw[0] == 0, raw[1] == 0, raw[2] == unsignedByteType, Int(raw[3]) == dimensionCount,
              raw.count - headerSize == expected else {
            return try parse(raw, path: path, dimensionCount: dimensionCount, remedy: remedy)
        }
        raw.removeSubrange(0..<headerSize)
        return IDXFile(dimensions: header, elements: raw)
    }

    /// The big-endian dimension sizes after the 4-byte magic.
    private static func headerDimensions(_ raw: [UInt8], dimensionCount: Int) -> [Int] {
        (0..<dimensionCount).map { index in
            let at = 4 + 4 * index
            return Int(raw[at]) << 24 | Int(raw[at + 1]) << 16 | Int(raw[at + 2]) << 8 | Int(raw[at + 3])
        }
    }
}
