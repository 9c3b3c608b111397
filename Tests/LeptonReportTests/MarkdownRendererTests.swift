import XCTest
@testable import LeptonReport

final class MarkdownTests: XCTestCase {
    func testBlocks() {
        let html = MarkdownRenderer.html("""
            # Title
            First line
            second line.

            - one
            - two

            1. first
            2. second

            > quoted

            ```
            let x = a < b
            ```
            """, headingOffset: 1)
        XCTAssertTrue(html.contains("<h2>Title</h2>"))
        XCTAssertTrue(html.contains("<p>First line second line.</p>"))
        XCTAssertTrue(html.contains("<ul><li>one</li><li>two</li></ul>"))
        XCTAssertTrue(html.contains("<ol><li>first</li><li>second</li></ol>"))
        XCTAssertTrue(html.contains("<blockquote><p>quoted</p></blockquote>"))
        XCTAssertTrue(html.contains("<pre><code>let x = a &lt; b</code></pre>"))
    }

    func testInlineMarkup() {
        XCTAssertEqual(MarkdownRenderer.inline("**bold** and *em* and _em_ and `a<b`"),
                       "<strong>bold</strong> and <em>em</em> and <em>em</em> and <code>a&lt;b</code>")
        XCTAssertEqual(MarkdownRenderer.inline("[docs](https://example.org/x)"), "<a href=\"https://example.org/x\">docs</a>")
        XCTAssertEqual(MarkdownRenderer.inline("2 * 3 * 4"), "2 * 3 * 4")
        XCTAssertEqual(MarkdownRenderer.inline("\\*not em\\*"), "*not em*")
    }

    func testRawHTMLAndHostileLinksAreInert() {
        let html = MarkdownRenderer.html("<script>alert(1)</script> \"><img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](\"onmouseover=alert(1))")
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("<img"))
        XCTAssertFalse(html.contains("javascript:"))
        XCTAssertFalse(html.contains("href=\"\""))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertTrue(html.contains("href=\"&quot;onmouseover=alert(1)\""), "quote inside href is escaped: \(html)")
    }
}
