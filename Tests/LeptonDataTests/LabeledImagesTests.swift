import Foundation
import XCTest
@testable import LeptonData

final class LabeledImagesTests: XCTestCase {
    private func sample() -> LabeledImages {
        // 10 images of 2×1×1 whose pixels encode their index (not scaled: only the layout matters); labels 0,1,2,0,1,2,…
        let count = 10
        return LabeledImages(name: "toy", height: 2, width: 1, channels: 1,
                             images: (0..<count).flatMap { [Float($0), Float($0) + 0.5] },
                             labels: (0..<count).map { Int32($0 % 3) }, classCount: 3)
    }

    func testShapeAccessors() {
        let set = sample()
        XCTAssertEqual(set.count, 10)
        XCTAssertEqual(set.valuesPerImage, 2)
        XCTAssertEqual(set.imageShape, [2, 1, 1])
        XCTAssertEqual(Array(set.image(at: 3)), [3, 3.5])
        XCTAssertEqual(set.classCounts(), [4, 3, 3])
    }

    func testSubsetKeepsOrderAndAllowsRepeats() {
        let part = sample().subset([4, 1, 4], name: "picked")
        XCTAssertEqual(part.name, "picked")
        XCTAssertEqual(part.labels, [1, 1, 1])
        XCTAssertEqual(part.images, [4, 4.5, 1, 1.5, 4, 4.5])
    }

    func testStratifiedSplitIsDeterministicAndPerClass() {
        let set = sample()
        let indices = set.stratifiedSplitIndices(testEvery: 2)
        // class 0 at 0,3,6,9 → 2nd and 4th (3, 9) to test; class 1 at 1,4,7 → 4; class 2 at 2,5,8 → 5.
        XCTAssertEqual(indices.test, [3, 4, 5, 9])
        XCTAssertEqual(indices.train, [0, 1, 2, 6, 7, 8])
        let split = set.stratifiedSplit(testEvery: 2)
        XCTAssertEqual(split.train.count + split.test.count, set.count)
        XCTAssertEqual(split.test.labels, [0, 1, 2, 0])
        XCTAssertEqual(split.test.name, "toy/test")
        XCTAssertEqual(set.stratifiedSplitIndices(testEvery: 2).test, indices.test)
    }

    func testReadIDXScalesPixelsAndLabels() throws {
        let folder = try TestFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let images = TestFixtures.images(count: 6, height: 3, width: 2)
        let labels = TestFixtures.labels(count: 6, classes: 4)
        let imagesURL = folder.appendingPathComponent("i.gz"), labelsURL = folder.appendingPathComponent("l")
        try images.write(to: imagesURL, compressed: true)
        try labels.write(to: labelsURL, compressed: false)
        let set = try LabeledImages.readIDX(images: imagesURL, labels: labelsURL, name: "t", classCount: 4)
        XCTAssertEqual(set.count, 6)
        XCTAssertEqual(set.imageShape, [3, 2, 1])
        XCTAssertEqual(set.labels, [0, 1, 2, 3, 0, 1])
        XCTAssertEqual(set.images.count, 36)
        for (value, byte) in zip(set.images, images.elements) {
            XCTAssertEqual(value, Float(byte) / 255, accuracy: 1e-6)
        }
        XCTAssertTrue(set.images.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    func testWrongCountNamesBothFilesAndCounts() throws {
        let error = TestFixtures.dataError {
            try LabeledImages.fromIDX(images: TestFixtures.images(count: 5, height: 2, width: 2), imagesPath: "/d/img",
                                      labels: TestFixtures.labels(count: 4, classes: 2), labelsPath: "/d/lab",
                                      name: "t", classCount: 2, remedy: "get matching files")
        }
        XCTAssertEqual(error, .wrongCount(imagesPath: "/d/img", labelsPath: "/d/lab", images: 5, labels: 4,
                                          remedy: "get matching files"))
        TestFixtures.assertMentions(error?.description ?? "",
                                    ["/d/lab", "/d/img", "wrong count", "expected 5", "found 4", "get matching files"])
    }

    func testLabelOutOfRange() {
        let labels = IDXFile(dimensions: [3], elements: [0, 1, 7])
        let error = TestFixtures.dataError {
            try LabeledImages.fromIDX(images: TestFixtures.images(count: 3, height: 1, width: 1), imagesPath: "img",
                                      labels: labels, labelsPath: "/d/lab", name: "t", classCount: 5)
        }
        guard case let .labelOutOfRange(path, index, label, classCount, _)? = error else {
            return XCTFail("expected labelOutOfRange, got \(String(describing: error))")
        }
        XCTAssertEqual([path, "\(index)", "\(label)", "\(classCount)"], ["/d/lab", "2", "7", "5"])
        TestFixtures.assertMentions(error?.description ?? "", ["/d/lab", "0..<5", "found 7"])
    }
}
