#include <gtest/gtest.h>

#include "export/html_render.h"
#include "test_support.h"

namespace qadeck {
namespace {

// Renders a whole in-memory document's text, with the math qadeck's scanner finds in it.
std::string render(const std::string& markdown, bool inline_only = false) {
  const testing::Parsed parsed(markdown);
  return render_markdown(markdown, parsed.doc().inline_tokens.math, inline_only);
}

TEST(HtmlRender, InlineMathIsProtectedFromEmphasis) {
  EXPECT_EQ(render("Let $a_1 * b_2$ and $c_3 * d_4$ be.\n"),
            "<p>Let \\(a_1 * b_2\\) and \\(c_3 * d_4\\) be.</p>\n");
}

TEST(HtmlRender, DisplayMathBecomesBrackets) {
  EXPECT_EQ(render("$$\\sum_i x_i$$\n"), "<p>\\[\\sum_i x_i\\]</p>\n");
  EXPECT_EQ(render("Text $$x^2$$ inline.\n"), "<p>Text \\[x^2\\] inline.</p>\n");
}

TEST(HtmlRender, BackslashDelimitersSurviveCmark) {
  // cmark would read \( as an escaped parenthesis.
  EXPECT_EQ(render("See \\(x_1\\) and \\[y_2\\].\n"), "<p>See \\(x_1\\) and \\[y_2\\].</p>\n");
}

TEST(HtmlRender, LessThanGreaterThanAndAmpersandAreEscapedInMath) {
  EXPECT_EQ(render("$a < b > c$\n"), "<p>\\(a &lt; b &gt; c\\)</p>\n");
  EXPECT_EQ(render("$$\\begin{matrix} a & b \\end{matrix}$$\n"),
            "<p>\\[\\begin{matrix} a &amp; b \\end{matrix}\\]</p>\n");
}

TEST(HtmlRender, DollarsInCodeAndCurrencyStayText) {
  EXPECT_EQ(render("`$x$` costs $5 and $10.\n"), "<p><code>$x$</code> costs $5 and $10.</p>\n");
}

TEST(HtmlRender, InlineOnlyDropsTheParagraph) {
  EXPECT_EQ(render("What is *ReLU*?", true), "What is <em>ReLU</em>?");
  // Two paragraphs keep theirs.
  EXPECT_EQ(render("One.\n\nTwo.\n", true), "<p>One.</p>\n<p>Two.</p>\n");
}

TEST(HtmlRender, GfmTablesAndRawHtml) {
  EXPECT_EQ(render("| a | b |\n|---|---|\n| 1 | 2 |\n"),
            "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n"
            "<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n");
  EXPECT_EQ(render("Use <b>bold</b><br>\n"), "<p>Use <b>bold</b><br></p>\n");
}

TEST(HtmlRender, DecodesCharacterReferences) {
  EXPECT_EQ(decode_html("a &lt; b &amp;&amp; &copy; &#x41;&#66;"), "a < b && \xC2\xA9 AB");
  EXPECT_EQ(decode_html("AT&T & co"), "AT&T & co");
  EXPECT_EQ(decode_html_strict("a &lt; b"), "a < b");
  EXPECT_EQ(decode_html_strict("AT&T"), std::nullopt);
  EXPECT_EQ(decode_html_strict("x &bogus; y"), std::nullopt);
  EXPECT_EQ(escape_html("<a href=\"x\">&</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
}

}  // namespace
}  // namespace qadeck
