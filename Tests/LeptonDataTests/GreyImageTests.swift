import Foundation
import XCTest
@testable import LeptonData

final class GreyImageTests: XCTestCase {
    func testBinaryAndTextPGMWithCommentsAndWideSamples() throws {
        let p5 = try GreyImage.parsePGM(Array("P5\n# made by hand\n3 2\n255\n".utf8) + [0, 51, 255, 102, 204, 0], path: "a.pgm")
        XCTAssertEqual(p5, GreyImage(width: 3, height: 2, pixels: [0, 0.2, 1, 0.4, 0.8, 0]))
        let p2 = try GreyImage.parsePGM(Array("P2 2 2 4\n0 1\n2 4\n".utf8), path: "b.pgm")
        XCTAssertEqual(p2.pixels, [0, 0.25, 0.5, 1])
        let wide = try GreyImage.parsePGM(Array("P5 2 1 1000\n".utf8) + [0x01, 0xF4, 0x03, 0xE8], path: "c.pgm")
        XCTAssertEqual(wide.pixels, [0.5, 1])
        XCTAssertEqual(p2.inverted().pixels, [1, 0.75, 0.5, 0])
    }

    func testBadPGMNamesTheFileAndProblem() {
        let short = TestFixtures.dataError { try GreyImage.parsePGM(Array("P5 3 3 255\n".utf8) + [1, 2], path: "s.pgm") }
        XCTAssertEqual(short, .malformedImage(path: "s.pgm", problem: "3×3 samples need 9 bytes after the header, found 2"))
        let header = TestFixtures.dataError { try GreyImage.parsePGM(Array("P5 3 0 255\n".utf8), path: "h.pgm") }
        TestFixtures.assertMentions(header?.description ?? "", ["h.pgm: not a readable image", "positive width, height"])
        XCTAssertNotNil(TestFixtures.dataError { try GreyImage.parsePGM(Array("P6 1 1 255\n".utf8) + [1, 2, 3], path: "x.ppm") })
    }
}
