import XCTest
@testable import LeptonReport

final class MarkdownTableTests: XCTestCase {
    func testPipeTableBecomesAnEscapedHTMLTable() {
        let html = MarkdownRenderer.html("""
            Before.

            | quantity | formula |
            |---|---|
            | priority | P = w1·A + `x<y>` |
            | <script>alert(1)</script> | a \\| b |

            After.
            """)
        XCTAssertTrue(html.contains("<table><thead><tr><th scope=\"col\">quantity</th><th scope=\"col\">formula</th></tr></thead>"), html)
        XCTAssertTrue(html.contains("<td>priority</td><td>P = w1·A + <code>x&lt;y&gt;</code></td>"), html)
        XCTAssertTrue(html.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>a | b</td>"), html)
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertTrue(html.contains("<p>Before.</p>") && html.contains("<p>After.</p>"))
    }

    func testIntrawordUnderscoresAreNotEmphasis() {
        XCTAssertEqual(MarkdownRenderer.html("P_i = w1·A_i and snake_case_name, but _this_ is"),
                       "<p>P_i = w1·A_i and snake_case_name, but <em>this</em> is</p>")
    }

    func testPipeLinesWithoutDelimiterStayProse() {
        let html = MarkdownRenderer.html("| not a table |")
        XCTAssertTrue(html.hasPrefix("<p>"), html)
    }
}
