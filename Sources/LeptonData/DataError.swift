/// Everything that can go wrong while locating, verifying, downloading or reading a data set.
///
/// The cases carry data only; the wording, which names the file, the expected and found
/// values and what to do, lives in `DataError+Description.swift`.
public enum DataError: Error, Equatable, Sendable {
    /// A file the data set needs is not where it should be; `remedy` says how to get it.
    case fileMissing(path: String, remedy: String)
    /// A file exists but could not be read.
    case readFailed(path: String, reason: String)
    /// A file or folder could not be written.
    case writeFailed(path: String, reason: String)
    /// A gzip stream is corrupt or ends early.
    case corruptGzip(path: String, reason: String, remedy: String)
    /// An IDX file starts with the wrong magic number (zero bytes, element type, dimension count).
    case wrongMagic(path: String, expected: [UInt8], found: [UInt8], remedy: String)
    /// A file holds fewer bytes than its header declares (`dimensions` is empty when the header itself is cut).
    case truncated(path: String, dimensions: [Int], expectedBytes: Int, foundBytes: Int, remedy: String)
    /// A file holds more bytes than its header declares.
    case trailingBytes(path: String, dimensions: [Int], expectedBytes: Int, foundBytes: Int, remedy: String)
    /// An IDX file declares zero items (images or labels): there is nothing to train or test on.
    case emptyIDX(path: String, dimensions: [Int], remedy: String)
    /// An images file and its labels file disagree on the number of samples.
    case wrongCount(imagesPath: String, labelsPath: String, images: Int, labels: Int, remedy: String)
    /// A label is not below the data set's class count.
    case labelOutOfRange(path: String, index: Int, label: Int, classCount: Int, remedy: String)
    /// A test label names a class that no training sample has (`trainingClasses` lists those that occur).
    case testClassNotInTraining(path: String, index: Int, label: Int, trainingPath: String, trainingClasses: [Int])
    /// More than one file in a folder could hold the same role (e.g. dash and dotted names).
    case ambiguousFiles(role: String, paths: [String])
    /// Two files of one data set have images of different shapes (height, width, channels).
    case shapeMismatch(path: String, expected: [Int], found: [Int], remedy: String)
    /// An image file cannot be decoded.
    case malformedImage(path: String, problem: String)
    /// A line of a CSV file cannot be read.
    case malformedCSV(path: String, line: Int, problem: String, remedy: String)
    /// A file's SHA-256 differs from the one recorded in the catalogue.
    case checksumMismatch(file: String, expected: String, found: String, remedy: String)
    /// No data set of this name is in the catalogue.
    case unknownDataset(name: String, known: [String])
    /// The catalogue file cannot be read or decoded.
    case catalogueUnreadable(path: String, reason: String)
    /// No `Datasets/` folder with a catalogue was found in any of the searched places.
    case datasetsFolderNotFound(searched: [String])
    /// One mirror could not deliver a file.
    case fetchFailed(url: String, reason: String)
    /// Every mirror failed to deliver a file with the expected checksum.
    case downloadFailed(file: String, destination: String, attempts: [DownloadAttempt])
}
