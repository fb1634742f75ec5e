#include <gtest/gtest.h>

#include "export/html_sanitizer.h"

namespace qadeck {
namespace {

TEST(HtmlSanitizer, RemovesScriptElementsWithTheirContent) {
  const SanitizedHtml s =
      sanitize_html("<p>a<script>alert(1)</script>b<SCRIPT src=x></SCRIPT>c</p>");
  EXPECT_EQ(s.html, "<p>abc</p>");
  EXPECT_EQ(s.removed, 2);
  EXPECT_EQ(sanitize_html("a<script>never closed").html, "a");
}

TEST(HtmlSanitizer, RemovesEventHandlersAndJavascriptUrls) {
  const SanitizedHtml s = sanitize_html(
      "<a href=\"javascript:go()\" title=\"t\">x</a><b onclick=\"f()\">y</b>"
      "<a href=\"JaVa&#115;cript&colon;go()\">z</a><a href=\"https://example.com\">ok</a>");
  EXPECT_EQ(s.html, "<a title=\"t\">x</a><b>y</b><a>z</a><a href=\"https://example.com\">ok</a>");
  EXPECT_EQ(s.removed, 3);
}

TEST(HtmlSanitizer, KeepsSafeHtmlAsWritten) {
  const std::string html = "<p align='justify'>a &lt; b<br><!-- note --></p>\n<hr/>";
  const SanitizedHtml s = sanitize_html(html);
  EXPECT_EQ(s.html, html);
  EXPECT_EQ(s.removed, 0);
}

TEST(HtmlSanitizer, DropsQadeckComments) {
  EXPECT_EQ(sanitize_html("a<!-- qadeck-id: x -->b<!-- qadeck-disable numbering -->c").html, "abc");
}

TEST(HtmlSanitizer, WritesMediaTagsCanonically) {
  EXPECT_EQ(sanitize_html("<img alt='a \"q\" >' SRC=pic.png>").html,
            "<img src=\"pic.png\" alt=\"a &quot;q&quot; &gt;\">");
  EXPECT_EQ(sanitize_html("<img alt=\"x\" src=\"p.png\" onerror=\"f()\" />").html,
            "<img src=\"p.png\" alt=\"x\" />");
}

TEST(HtmlSanitizer, FindsAndRewritesImageSources) {
  const std::string html =
      "<p><img src=\"a.png\" alt=\"A\"> and <img src=\"b%20c.png\" alt=\"B\" /></p>";
  EXPECT_EQ(image_sources(html), (std::vector<std::string>{"a.png", "b%20c.png"}));
  const std::string out =
      rewrite_image_sources(html, [](std::string_view src) -> std::optional<std::string> {
        if (src == "a.png") return std::string("a-0123456789.png");
        return std::nullopt;
      });
  EXPECT_EQ(out, "<p><img src=\"a-0123456789.png\" alt=\"A\"> and B</p>");
}

}  // namespace
}  // namespace qadeck
