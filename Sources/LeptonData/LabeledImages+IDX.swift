import Foundation

extension LabeledImages {
    /// Builds a set from an already-parsed IDX images file (N×H×W) and labels file (N).
    ///
    /// Checks that both hold the same number of samples and that every label is below
    /// `classCount`; pixels are scaled from 0...255 to [0, 1].
    public static func fromIDX(images: IDXFile, imagesPath: String, labels: IDXFile, labelsPath: String,
                               name: String, classCount: Int,
                               remedy: String = "replace the files with fresh copies") throws(DataError) -> LabeledImages {
        guard images.dimensions.count == 3 else {
            throw .wrongMagic(path: imagesPath, expected: [0, 0, IDXFile.unsignedByteType, 3],
                              found: [0, 0, IDXFile.unsignedByteType, UInt8(clamping: images.dimensions.count)],
                              remedy: remedy)
        }
        guard labels.dimensions.count == 1 else {
            throw .wrongMagic(path: labelsPath, expected: [0, 0, IDXFile.unsignedByteType, 1],
                              found: [0, 0, IDXFile.unsignedByteType, UInt8(clamping: labels.dimensions.count)],
                              remedy: remedy)
        }
        let count = images.dimensions[0]
        guard labels.dimensions[0] == count else {
            throw .wrongCount(imagesPath: imagesPath, labelsPath: labelsPath, images: count,
                              labels: labels.dimensions[0], remedy: remedy)
        }
        var classes: [Int32] = []
        classes.reserveCapacity(count)
        for (index, byte) in labels.elements.enumerated() {
            guard Int(byte) < classCount else {
                throw .labelOutOfRange(path: labelsPath, index: index, label: Int(byte), classCount: classCount,
                                       remedy: remedy)
            }
            classes.append(Int32(byte))
        }
        return LabeledImages(name: name, height: images.dimensions[1], width: images.dimensions[2], channels: 1,
                             images: scaledPixels(images.elements, maximum: 255), labels: classes,
                             classCount: classCount)
    }

    /// Reads an images file and a labels file (gzip or plain) into a set.
    public static func readIDX(images imagesURL: URL, labels labelsURL: URL, name: String, classCount: Int,
                               remedy: String = "replace the files with fresh copies") throws(DataError) -> LabeledImages {
        let images = try IDXFile.read(contentsOf: imagesURL, dimensionCount: 3, remedy: remedy)
        let labels = try IDXFile.read(contentsOf: labelsURL, dimensionCount: 1, remedy: remedy)
        return try fromIDX(images: images, imagesPath: imagesURL.path, labels: labels, labelsPath: labelsURL.path,
                           name: name, classCount: classCount, remedy: remedy)
    }

    /// Converts bytes to `Float(byte) / maximum`, in one tight pass over raw buffers.
    ///
    /// A 256-entry table holds the exact quotients, so the loop is a load and a store.
    static func scaledPixels(_ bytes: [UInt8], maximum: Float) -> [Float] {
        let table = (0...255).map { Float($0) / maximum }
        return [Float](unsafeUninitializedCapacity: bytes.count) { output, initialised in
            table.withUnsafeBufferPointer { lookup in
                bytes.withUnsafeBufferPointer { input in
                    guard let source = input.baseAddress, let target = output.baseAddress,
                          let values = lookup.baseAddress else { return }
                    for index in 0..<input.count {
                        (target + index).initialize(to: values[Int(source[index])])
                    }
                }
            }
            initialised = bytes.count
        }
    }
}
