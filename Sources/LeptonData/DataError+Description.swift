import Foundation

extension DataError: CustomStringConvertible, LocalizedError {
    /// A sentence that names the file or value at fault, the expected and found values and what to do.
    public var description: String {
        switch self {
        case let .fileMissing(path, remedy):
            return "\(path): file not found; \(remedy)"
        case let .readFailed(path, reason):
            return "\(path): cannot read the file (\(reason)); check that it exists and is readable"
        case let .writeFailed(path, reason):
            return "\(path): cannot write (\(reason)); check the folder's permissions and free space"
        case let .corruptGzip(path, reason, remedy):
            return "\(path): corrupt gzip data (\(reason)); \(remedy)"
        case let .wrongMagic(path, expected, found, remedy):
            return "\(path): wrong magic number: expected \(Self.hex(expected)) "
                + "(\(Self.idxKind(expected))) but found \(Self.hex(found)); "
                + "check that this is the right file, then \(remedy)"
        case let .truncated(path, dimensions, expectedBytes, foundBytes, remedy):
            if dimensions.isEmpty {
                return "\(path): truncated: the IDX header needs \(expectedBytes) bytes "
                    + "but the file holds \(foundBytes); \(remedy)"
            }
            return "\(path): truncated: header declares \(Self.product(dimensions)) = \(expectedBytes) "
                + "bytes of \(Self.payloadName(dimensions)) but the file holds \(foundBytes); \(remedy)"
        case let .emptyIDX(path, dimensions, remedy):
            return "\(path): expected at least one item but the header declares \(Self.product(dimensions)), zero \(Self.payloadName(dimensions)); \(remedy)"
        case let .trailingBytes(path, dimensions, expectedBytes, foundBytes, remedy):
            return "\(path): unexpected trailing data: header declares \(Self.product(dimensions)) = "
                + "\(expectedBytes) bytes of \(Self.payloadName(dimensions)) but the file holds "
                + "\(foundBytes); \(remedy)"
        case let .wrongCount(imagesPath, labelsPath, images, labels, remedy):
            return "\(labelsPath): wrong count: expected \(images) labels, one for each image in "
                + "\(imagesPath), but found \(labels); check that the two files belong together, then \(remedy)"
        case let .labelOutOfRange(path, index, label, classCount, remedy):
            return "\(path): label \(label) of sample \(index) is out of range: expected a value in "
                + "0..<\(classCount) (\(classCount) classes) but found \(label); \(remedy)"
        case let .testClassNotInTraining(path, index, label, trainingPath, trainingClasses):
            return "\(path): label \(label) of sample \(index) is a class that never occurs in the training labels "
                + "\(trainingPath) (classes there: \(Self.classList(trainingClasses))); a model trained on this folder could "
                + "never predict it; fix the label file, or add training samples of class \(label)"
        case let .ambiguousFiles(role, paths):
            return "\(paths.joined(separator: " and ")): more than one file for the \(role) role; "
                + "keep one of them (move the others out of the folder)"
        case let .shapeMismatch(path, expected, found, remedy):
            return "\(path): image shape mismatch: expected \(Self.product(expected)) "
                + "(height×width×channels, as in the other split) but found \(Self.product(found)); \(remedy)"
        case let .malformedImage(path, problem):
            return "\(path): not a readable image: \(problem); give a PNG or PGM (P5/P2) file"
        case let .malformedCSV(path, line, problem, remedy):
            return "\(path):\(line): malformed CSV: \(problem); \(remedy)"
        case let .checksumMismatch(file, expected, found, remedy):
            return "\(file): checksum mismatch: expected SHA-256 \(expected) but found \(found); "
                + "the file is corrupt or a different version; \(remedy)"
        case let .unknownDataset(name, known):
            return "unknown data set '\(name)': expected one of \(known.joined(separator: ", ")); "
                + "a path to a folder holding the four MNIST-format IDX files "
                + "(train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, "
                + "t10k-labels-idx1-ubyte, or with a dot: t10k-images.idx3-ubyte; each optionally .gz) is also accepted"
        case let .catalogueUnreadable(path, reason):
            return "\(path): cannot read the data set catalogue (\(reason)); restore it with "
                + "`git checkout -- Datasets/catalogue.json` or point LEPTON_DATASETS at a folder that has one"
        case let .datasetsFolderNotFound(searched):
            return "no Datasets folder with a catalogue.json found; searched "
                + "\(searched.joined(separator: ", ")); set LEPTON_DATASETS to the project's Datasets folder"
        case let .fetchFailed(url, reason):
            return "\(url): download failed (\(reason))"
        case let .downloadFailed(file, destination, attempts):
            let tried = attempts.map { "\($0.failure)" }.joined(separator: "; ")
            return "\(file): no mirror delivered a good copy (tried \(attempts.count): \(tried)); "
                + "nothing was written to \(destination); check the network or pass other mirrors, then retry"
        }
    }

    /// The same text as `description`, for `localizedDescription`.
    public var errorDescription: String? { description }

    private static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: " ")
    }

    private static func classList(_ classes: [Int]) -> String {
        guard let first = classes.first, let last = classes.last else { return "none" }
        if classes.count == last - first + 1 && classes.count > 3 { return "\(first)…\(last)" }
        return classes.map(String.init).joined(separator: ", ")
    }

    private static func product(_ dimensions: [Int]) -> String {
        dimensions.map(String.init).joined(separator: "×")
    }

    private static func payloadName(_ dimensions: [Int]) -> String {
        dimensions.count == 1 ? "labels" : "pixels"
    }

    private static func idxKind(_ magic: [UInt8]) -> String {
        guard magic.count == 4 else { return "IDX" }
        switch magic[3] {
        case 1: return "unsigned-byte IDX labels file, 1 dimension"
        case 3: return "unsigned-byte IDX images file, 3 dimensions"
        default: return "unsigned-byte IDX file, \(magic[3]) dimensions"
        }
    }
}
