#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "export/html_render.h"
#include "export/html_sanitizer.h"

namespace qadeck {
namespace {

std::string clean(std::string_view html) { return sanitize_html(html).html; }

TEST(HtmlSanitizer, RemovesScriptElementsWithTheirContent) {
  const SanitizedHtml s =
      sanitize_html("<p>a<script>alert(1)</script>b<SCRIPT src=x></SCRIPT>c</p>");
  EXPECT_EQ(s.html, "<p>abc</p>");
  EXPECT_EQ(s.removed.size(), 2u);
  EXPECT_EQ(clean("a<script>never closed"), "a");
}

TEST(HtmlSanitizer, RemovesEventHandlersAndJavascriptUrls) {
  const SanitizedHtml s = sanitize_html(
      "<a href=\"javascript:go()\" title=\"t\">x</a><b onclick=\"f()\">y</b>"
      "<a href=\"JaVa&#115;cript&colon;go()\">z</a><a href=\"https://example.com\">ok</a>");
  EXPECT_EQ(s.html, "<a title=\"t\">x</a><b>y</b><a>z</a><a href=\"https://example.com\">ok</a>");
  ASSERT_EQ(s.removed.size(), 3u);
  EXPECT_EQ(s.removed[1].written, "onclick=\"f()\"");
}

TEST(HtmlSanitizer, KeepsSafeHtml) {
  const std::string html =
      "<p align=\"justify\">a &lt; b &amp; c<br></p>\n<hr><b>1. Q</b><br>\n"
      "<table><tbody><tr><td colspan=\"2\">x</td></tr></tbody></table>"
      "<a href=\"https://example.com/?a=1&amp;b=2\">l</a><a href=\"#x\">r</a>"
      "<img src=\"pic.png\" alt=\"A\"><img src=\"data:image/png;base64,AAAA\">"
      "<span style=\"color: rgb(1, 2, 3)\">c</span>";
  const SanitizedHtml s = sanitize_html(html);
  EXPECT_EQ(s.html, html);
  EXPECT_TRUE(s.removed.empty());
}

TEST(HtmlSanitizer, KeepsAnchorsThatCannotShadowThePage) {
  EXPECT_EQ(clean("<a name=20190629></a><span id=\"part-2\">x</span>"),
            "<a name=\"20190629\"></a><span id=\"part-2\">x</span>");
  const SanitizedHtml s =
      sanitize_html("<img name=getElementById><p id=cookie>x</p><p name=a1>y</p>");
  EXPECT_EQ(s.html, "<img><p>x</p><p>y</p>");
  EXPECT_EQ(s.removed.size(), 3u);
}

TEST(HtmlSanitizer, DropsComments) {
  const SanitizedHtml s = sanitize_html("a<!-- qadeck-id: x -->b<!-- note -->c");
  EXPECT_EQ(s.html, "abc");
  EXPECT_TRUE(s.removed.empty());
}

TEST(HtmlSanitizer, WritesTagsCanonically) {
  EXPECT_EQ(clean("<img alt='a \"q\" >' SRC=pic.png>"),
            "<img src=\"pic.png\" alt=\"a &quot;q&quot; &gt;\">");
  EXPECT_EQ(clean("<img alt=\"x\" src=\"p.png\" onerror=\"f()\" />"),
            "<img src=\"p.png\" alt=\"x\">");
  EXPECT_EQ(clean("<pre>\n\nx</pre>"), "<pre>\n\nx</pre>");
}

// Cause 1: tags the hand-written scanner could not parse were copied through.
TEST(HtmlSanitizer, ParsesTagsAsABrowserDoes) {
  EXPECT_EQ(clean("<svg/onload=alert(1)>"), "");
  EXPECT_EQ(clean("<img/src=\"x\"/onerror=alert(1)>"), "<img src=\"x\">");
  EXPECT_EQ(clean("<img src=`x` onerror=alert(1)>"), "<img src=\"`x`\">");
  EXPECT_EQ(clean("<img src=x\" onerror=alert(1)>"), "<img src=\"x&quot;\">");
  EXPECT_EQ(clean("<img src=x @x onerror=alert(1)>"), "<img src=\"x\">");
  EXPECT_EQ(clean("<img src=x \xC3\xA9 onerror=alert(1)>"), "<img src=\"x\">");
  EXPECT_EQ(clean("<img src=x\nonerror=alert(1)"), "");
  EXPECT_EQ(clean("<!--><img src=x onerror=alert(1)>-->"), "<img src=\"x\">--&gt;");
  EXPECT_EQ(clean("<!-- a --!><img src=x onerror=alert(1)>"), "<img src=\"x\">");
}

// Cause 2: Anki strips control characters after us, joining what they split.
TEST(HtmlSanitizer, RemovesControlCharactersBeforeParsing) {
  EXPECT_EQ(clean("<b on\x0b"
                  "focus=alert(1)>x</b>"),
            "<b>x</b>");
  EXPECT_EQ(clean("<b on\x0cload=alert(1)>x</b>"), "<b>x</b>");
  EXPECT_EQ(clean("<a href=\"java\x01script:alert(1)\">x</a>"), "<a>x</a>");
  EXPECT_EQ(clean("<a href=\"java\x1bscript:alert(1)\">x</a>"), "<a>x</a>");
  EXPECT_EQ(clean("<a href=\"java\x7fscript:alert(1)\">x</a>"), "<a>x</a>");
  EXPECT_EQ(clean("<a href=\"java\xC2\x85script:alert(1)\">x</a>"), "<a>x</a>");
  EXPECT_EQ(clean("<scr\x01ipt>alert(1)</script>"), "");
  const SanitizedHtml s = sanitize_html(
      "a\x0b"
      "b");
  EXPECT_EQ(s.html, "ab");
  ASSERT_EQ(s.removed.size(), 1u);
  EXPECT_EQ(s.removed[0].written, "\x0b");
  EXPECT_EQ(clean("a&#x1c;b<a title=\"&#1;\">x</a>"), "ab<a title=\"\">x</a>");
}

// Cause 3: raw-text elements end where a browser ends them, and go with their content.
TEST(HtmlSanitizer, ClosesRawTextElementsAsABrowserDoes) {
  EXPECT_EQ(clean("<title><!--</title><svg onload=alert(1)>--><b>x</b>"), "");
  EXPECT_EQ(clean("<title><!--</title><img src=x onerror=alert(1)>-->"), "<img src=\"x\">--&gt;");
  EXPECT_EQ(clean("<xmp><p title=\"</xmp><img src=x onerror=alert(1)>\">"),
            "<img src=\"x\">\"&gt;");
  EXPECT_EQ(clean("<style><!--</style><img src=x onerror=alert(1)>-->"), "<img src=\"x\">--&gt;");
  EXPECT_EQ(clean("<textarea></textarea><b>x</b>"), "<b>x</b>");
  EXPECT_EQ(clean("<iframe><b title=\"</iframe><img src=x onerror=alert(1)>\">"),
            "<img src=\"x\">\"&gt;");
  EXPECT_EQ(clean("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">"), "");
}

// Cause 4: constructs the old checks never looked at.
TEST(HtmlSanitizer, LeavesOutFramesObjectsAndNavigation) {
  EXPECT_EQ(clean("<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>"), "");
  EXPECT_EQ(clean("<svg><foreignObject><iframe srcdoc=x></iframe></foreignObject></svg>"), "");
  EXPECT_EQ(clean("<embed src=\"data:text/html,x\"><object data=\"data:image/svg+xml,x\">"
                  "</object>"),
            "");
  EXPECT_EQ(clean("<svg><animate attributeName=href values=javascript:alert(1) /></svg>"), "");
  EXPECT_EQ(clean("<svg><set attributeName=href to=javascript:alert(1) /></svg>"), "");
  EXPECT_EQ(clean("<meta http-equiv=refresh content=\"0;url=https://x\">"
                  "<base href=\"https://x/\"><link rel=stylesheet href=\"https://x\">"),
            "");
  EXPECT_EQ(clean("<a href=\"https://x\" ping=\"https://y\">a</a>"), "<a href=\"https://x\">a</a>");
  EXPECT_EQ(clean("<a href=\"vbscript:msgbox(1)\">a</a>"), "<a>a</a>");
  EXPECT_EQ(clean("<form action=\"https://x\"><button formaction=\"javascript:alert(1)\">b"
                  "</button></form>"),
            "");
  EXPECT_EQ(clean("<img src=\"data:image/svg+xml,&lt;svg&gt;\">"), "<img>");
  EXPECT_EQ(clean("<a href=\"data:text/html,x\">a</a>"), "<a>a</a>");
  EXPECT_EQ(clean("<a href=\"\xE2\x80\xA8javascript:alert(1)\">a</a>"), "<a>a</a>");
  EXPECT_EQ(clean("<a href=\"\xC2\xA0java script:alert(1)\">a</a>"), "<a>a</a>");
  EXPECT_EQ(clean("<p style=\"background:url(https://x)\">p</p>"), "<p>p</p>");
}

// Cause 5: numeric character references of any length.
TEST(HtmlSanitizer, ReadsLongNumericReferences) {
  EXPECT_EQ(clean("<a href=\"&#000000106;avascript:alert(1)\">a</a>"), "<a>a</a>");
  EXPECT_EQ(clean("<a href=\"&#x000000006A;avascript:alert(1)\">a</a>"), "<a>a</a>");
  EXPECT_EQ(clean("<a href=\"&#0000000000000000106avascript:alert(1)\">a</a>"), "<a>a</a>");
}

// Cause 6: the alt-text rewrite of a missing image never acts inside an attribute value.
TEST(HtmlSanitizer, RewritesOnlyRealImageTags) {
  const std::string html = clean(
      "<a title=\"<img src=gone.png alt='<svg onload=alert(1)>'>\">x</a>"
      "<img src=\"gone.png\" alt=\"&lt;svg onload=alert(1)&gt;\">");
  const auto gone = [](std::string_view) -> std::optional<std::string> { return std::nullopt; };
  EXPECT_EQ(image_sources(html), (std::vector<std::string>{"gone.png"}));
  EXPECT_EQ(rewrite_image_sources(html, gone),
            "<a title=\"&lt;img src=gone.png alt='&lt;svg onload=alert(1)&gt;'&gt;\">x</a>"
            "&lt;svg onload=alert(1)&gt;");
}

TEST(HtmlSanitizer, FindsAndRewritesImageSources) {
  const std::string html =
      "<p><img src=\"a.png\" alt=\"A\"> and <img src=\"b%20c.png\" alt=\"B\"></p>";
  EXPECT_EQ(image_sources(html), (std::vector<std::string>{"a.png", "b%20c.png"}));
  const std::string out =
      rewrite_image_sources(html, [](std::string_view src) -> std::optional<std::string> {
        if (src == "a.png") return std::string("a-0123456789.png");
        return std::nullopt;
      });
  EXPECT_EQ(out, "<p><img src=\"a-0123456789.png\" alt=\"A\"> and B</p>");
}

bool loses_nothing(std::string_view markdown, std::vector<MathSpan> math = {}) {
  return could_lose_nothing(markdown, {0, markdown.size()}, math);
}

// Lint's shortcut: only what the sanitizer keeps as it is passes without a render and a parse.
TEST(HtmlSanitizer, KnowsWhatCannotLoseAnything) {
  EXPECT_TRUE(loses_nothing("<b>1. Q?</b><br>\nA <i>b</i> &lt; c, a < b.<br />"));
  EXPECT_TRUE(loses_nothing("<p align=\"justify\">x</p>"));
  EXPECT_FALSE(loses_nothing("<p onclick=\"x\">x</p>"));
  EXPECT_TRUE(loses_nothing("<p style=\"color red\">x</p>"));
  EXPECT_FALSE(loses_nothing("<p style=\"a url\">x</p>"));
  EXPECT_FALSE(loses_nothing("<svg>"));
  EXPECT_FALSE(loses_nothing("<foo>"));
  EXPECT_FALSE(loses_nothing("<!-- x -->"));
  EXPECT_FALSE(loses_nothing("<b/onclick=x>"));
  EXPECT_FALSE(loses_nothing("[a](javascript:x)"));
  // A plain inline link or image goes into href or src as it is written.
  EXPECT_TRUE(loses_nothing("See [the docs](https://example.org/a_b?x=1#top) and ![](img/a.png)."));
  EXPECT_TRUE(loses_nothing("[mail](mailto:a@example.org), [up](../README.md)"));
  EXPECT_FALSE(loses_nothing("[a](JavaScript:x)"));
  EXPECT_FALSE(loses_nothing("[a](java script:x)"));
  EXPECT_FALSE(loses_nothing("[a](vbscript:x)"));
  EXPECT_FALSE(loses_nothing("![a](data:image/png;base64,AAAA)"));
  EXPECT_FALSE(loses_nothing("[a](x \"title\")"));
  EXPECT_FALSE(loses_nothing("[a](&#106;avascript:x)"));
  EXPECT_FALSE(loses_nothing("[a](<javascript:x>)"));
  EXPECT_FALSE(loses_nothing("[a](java\\script:x)"));
  // Brackets are text unless the item defines a link reference.
  EXPECT_TRUE(loses_nothing("E[X], [a][ref] and [b]"));
  EXPECT_FALSE(loses_nothing("[a][ref]\n\n[ref]: javascript:x"));
  EXPECT_FALSE(loses_nothing("[b]\n\n[b]: javascript:x"));
  EXPECT_TRUE(loses_nothing("[w](https://en.wikipedia.org/wiki/Lasso_(statistics)) [q](/s?a=1&b=2)"));
  EXPECT_FALSE(loses_nothing("[q](/s?a=1&amp;b=2)"));
  EXPECT_TRUE(loses_nothing("a <= b, c <- d"));
  EXPECT_TRUE(loses_nothing("<img src=\"https://example.org/m?x=\\beta\" alt=\"b\">"));
  EXPECT_FALSE(loses_nothing("<img src=\"javascript:x\">"));
  EXPECT_FALSE(loses_nothing("<img src=\"&#106;avascript:x\">"));
  EXPECT_FALSE(
      loses_nothing("a\x0b"
                    "b"));
  EXPECT_FALSE(loses_nothing("a &#x1c; b"));
  MathSpan m;
  m.range = {2, 9};
  m.body = {3, 8};
  EXPECT_TRUE(loses_nothing("a $E[X]$ b", {m}));
  EXPECT_FALSE(loses_nothing("a $E[\x01]$ b", {m}));
  EXPECT_FALSE(loses_nothing("a $E[X]$ [l](javascript:x)", {m}));
}

// The shortcut is only ever a shortcut: wherever it says nothing could be lost, cmark's
// rendering through the sanitizer loses nothing. Destinations and attribute values that a
// browser, cmark or the sanitizer read in more than one way, in every place a URL goes, and
// the injection vectors as they are.
TEST(HtmlSanitizer, ShortcutNeverHidesARemoval) {
  const std::vector<std::string> urls = {
      "https://example.org/a_(b)?q=1&r=2#s", "../a.md", "mailto:a@example.org", "/x",
      "javascript:alert(1)", "JaVaScRiPt:alert(1)", "java\tscript:x", "java%09script:x",
      "&#106;avascript:x", "&#x6A;avascript:x", "java&#x09;script:x", "javascript&colon;x",
      "&amp;javascript:x", "\x01javascript:x", "java\x01script:x", "\xC2\xA0javascript:x",
      "java\xC2\x80script:x", "vbscript:x", "data:text/html,<script>x</script>",
      "data:image/png;base64,AAAA", "data:image/svg+xml,x", "ftp://x", "xmpp:x", "file:///etc",
      "x:y", "//evil.example", "java script:x", "java\\script:x", "(javascript:x)",
      "a)javascript:x", "javascript:x)", "%6Aavascript:x", "\\javascript:x", "javascript:",
      "a&b;c", "a&#b"};
  std::vector<std::string> documents;
  for (const std::string& url : urls) {
    for (const std::string& form :
         {"[a](" + url + ")", "![a](" + url + ")", "[a](" + url + " \"t\")",
          "[a](<" + url + ">)", "[a][r]\n\n[r]: " + url, "[r]\n\n[r]: " + url,
          "<" + url + ">", "<img src=\"" + url + "\">", "<a href=\"" + url + "\">a</a>",
          "<p title=\"" + url + "\">a</p>", "<p style=\"" + url + "\">a</p>",
          "[x [a](" + url + ")](b)", "![a](b) [c](" + url + ")"}) {
      documents.push_back(form);
    }
  }
  std::ifstream in(std::string(QADECK_SOURCE_DIR) +
                   "/tests/export/fixtures/xss-vectors/vectors.jsonl");
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) documents.push_back(nlohmann::json::parse(line).at("html"));
  }
  size_t shortcut = 0;
  for (const std::string& markdown : documents) {
    if (!loses_nothing(markdown)) continue;
    ++shortcut;
    for (const bool inline_only : {true, false}) {
      const SanitizedHtml s = sanitize_html(render_markdown(markdown, {}, inline_only));
      EXPECT_TRUE(s.removed.empty()) << markdown << "\n -> " << s.removed.front().reason;
    }
  }
  // Some of them do take the shortcut, or the test shows nothing.
  EXPECT_GE(shortcut, 20u);
}

TEST(HtmlSanitizer, ReadsTitlesAsText) {
  EXPECT_EQ(html_text("Intro <b>to</b> &amp; <svg onload=alert(1)>x</svg>C<script>y</script>"),
            "Intro to & C");
  EXPECT_EQ(html_text("plain"), "plain");
}

}  // namespace
}  // namespace qadeck
