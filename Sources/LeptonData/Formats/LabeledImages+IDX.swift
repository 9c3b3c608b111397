import Foundation

extension LabeledImages {
    /// Builds a set from an already-parsed IDX images file (N×H×W) and labels file (N).
    ///
    /// Checks that both hold the same number of samples and that every label is below
    /// `classCount`; pixels are scaled from 0...255 to [0, 1].
    public static func fromIDX(images: IDXFile, imagesPath: String, labels: IDXFile, labelsPath: String,
                               name: String, classCount: Int,
                               remedy: String = "replace the files with fresh copies") throws(DataError) -> LabeledImages {
        let bytes = try ByteImages.fromIDX(images: images, imagesPath: imagesPath, labels: labels, labelsPath: labelsPath,
                                           name: name, classCount: classCount, remedy: remedy)
        return LabeledImages(name: name, height: bytes.height, width: bytes.width, channels: bytes.channels,
                             images: scaledPixels(bytes.pixels, maximum: 255), labels: bytes.labels, classCount: classCount)
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
