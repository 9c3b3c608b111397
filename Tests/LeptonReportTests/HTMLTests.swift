import XCTest
@testable import LeptonReport

final class HTMLTests: XCTestCase {
    func testEscapesAllMarkupCharacters() {
        XCTAssertEqual(HTML.escape("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;")
        XCTAssertEqual(HTML.escape("\"><img src=x onerror=alert(1)>"), "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
        XCTAssertEqual(HTML.escape("a & b 'c'"), "a &amp; b &#39;c&#39;")
        XCTAssertEqual(HTML.escape("naïve ✓"), "naïve ✓")
    }

    func testSafeURLAllowsOnlyHarmlessSchemes() {
        XCTAssertEqual(HTML.safeURL("https://example.org/a?b=1&c=2"), "https://example.org/a?b=1&amp;c=2")
        XCTAssertEqual(HTML.safeURL("#results"), "#results")
        XCTAssertEqual(HTML.safeURL("docs/CHARTS.md"), "docs/CHARTS.md")
        XCTAssertEqual(HTML.safeURL("mailto:a@b.c"), "mailto:a@b.c")
        for hostile in ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<script>",
                        "vbscript:x", "java\tscript:alert(1)", ""] {
            XCTAssertNil(HTML.safeURL(hostile), hostile)
        }
        XCTAssertEqual(HTML.safeURL("\"><img src=x onerror=alert(1)>"), "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
    }
}
