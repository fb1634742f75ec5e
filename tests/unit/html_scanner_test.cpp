#include <gtest/gtest.h>

#include "core/html_scanner.h"
#include "core/inline_scanner.h"
#include "test_support.h"

namespace qadeck {
namespace {

std::optional<HtmlTag> tag_at_start(std::string_view text) {
  return scan_html_tag(text, 0, text.size());
}

TEST(HtmlScanner, OpenTagWithQuotedAttribute) {
  const std::string_view text = R"(<p align="justify">rest)";
  const auto tag = tag_at_start(text);
  ASSERT_TRUE(tag);
  EXPECT_EQ(tag->kind, HtmlTagKind::open);
  EXPECT_EQ(tag->name, "p");
  EXPECT_EQ(tag->range, (ByteRange{0, 19}));
  ASSERT_EQ(tag->attributes.size(), 1u);
  EXPECT_EQ(tag->attributes[0].name, "align");
  EXPECT_EQ(tag->attributes[0].name_range.in(text), "align");
  EXPECT_EQ(tag->attributes[0].value.in(text), "justify");
}

TEST(HtmlScanner, AttributeQuotingStyles) {
  const std::string_view text = R"(<img src='a b.png' width=10 hidden alt="x > y" data-x = "1">)";
  const auto tag = tag_at_start(text);
  ASSERT_TRUE(tag);
  EXPECT_EQ(tag->name, "img");
  EXPECT_EQ(tag->range.end, text.size());
  ASSERT_EQ(tag->attributes.size(), 5u);
  EXPECT_EQ(tag->attributes[0].value.in(text), "a b.png");
  EXPECT_EQ(tag->attributes[1].name, "width");
  EXPECT_EQ(tag->attributes[1].value.in(text), "10");
  EXPECT_EQ(tag->attributes[2].name, "hidden");
  EXPECT_TRUE(tag->attributes[2].value.empty());
  EXPECT_EQ(tag->attributes[3].value.in(text), "x > y");
  EXPECT_EQ(tag->attributes[4].name, "data-x");
  EXPECT_EQ(tag->attributes[4].value.in(text), "1");
}

TEST(HtmlScanner, NamesAreLowerCased) {
  const std::string_view text = R"(<DIV Class="A">)";
  const auto tag = tag_at_start(text);
  ASSERT_TRUE(tag);
  EXPECT_EQ(tag->name, "div");
  ASSERT_EQ(tag->attributes.size(), 1u);
  EXPECT_EQ(tag->attributes[0].name, "class");
  EXPECT_EQ(tag->attributes[0].value.in(text), "A");  // values keep their case
}

TEST(HtmlScanner, CloseTag) {
  const auto tag = tag_at_start("</b>x");
  ASSERT_TRUE(tag);
  EXPECT_EQ(tag->kind, HtmlTagKind::close);
  EXPECT_EQ(tag->name, "b");
  EXPECT_EQ(tag->range, (ByteRange{0, 4}));
  EXPECT_TRUE(tag_at_start("</b >"));
  EXPECT_FALSE(tag_at_start("</b class=\"x\">"));
}

TEST(HtmlScanner, BreakTags) {
  const auto br = tag_at_start("<br>");
  ASSERT_TRUE(br);
  EXPECT_EQ(br->kind, HtmlTagKind::open);
  EXPECT_EQ(br->name, "br");
  EXPECT_TRUE(is_void_tag("br"));

  for (std::string_view text : {"<br/>", "<br />"}) {
    const auto tag = tag_at_start(text);
    ASSERT_TRUE(tag) << text;
    EXPECT_EQ(tag->kind, HtmlTagKind::self_closing) << text;
    EXPECT_EQ(tag->name, "br");
    EXPECT_EQ(tag->range.end, text.size());
  }
}

TEST(HtmlScanner, Comment) {
  const std::string_view text = "<!-- a <b> comment -->after";
  const auto tag = tag_at_start(text);
  ASSERT_TRUE(tag);
  EXPECT_EQ(tag->kind, HtmlTagKind::comment);
  EXPECT_EQ(tag->range.in(text), "<!-- a <b> comment -->");
  EXPECT_TRUE(tag->name.empty());
  EXPECT_FALSE(tag_at_start("<!-- never closed"));
}

TEST(HtmlScanner, Declaration) {
  const auto tag = tag_at_start("<!DOCTYPE html>");
  ASSERT_TRUE(tag);
  EXPECT_EQ(tag->kind, HtmlTagKind::declaration);
}

TEST(HtmlScanner, NotTags) {
  EXPECT_FALSE(tag_at_start("< 1"));
  EXPECT_FALSE(tag_at_start("<3 you"));
  EXPECT_FALSE(tag_at_start("<"));
  EXPECT_FALSE(tag_at_start("<b"));               // unterminated
  EXPECT_FALSE(tag_at_start("<a href=\"x>"));     // unterminated quote
  EXPECT_FALSE(tag_at_start("<a+b>"));
  const std::string_view prose = "if a < 1 and b > 2";
  EXPECT_FALSE(scan_html_tag(prose, 5, prose.size()));
}

TEST(HtmlScanner, DoesNotReadPastLimit) {
  const std::string_view text = "<b>";
  EXPECT_FALSE(scan_html_tag(text, 0, 2));
}

TEST(HtmlScanner, RawTextAndVoidTags) {
  EXPECT_TRUE(is_raw_text_tag("script"));
  EXPECT_TRUE(is_raw_text_tag("style"));
  EXPECT_FALSE(is_raw_text_tag("p"));
  EXPECT_TRUE(is_void_tag("img"));
  EXPECT_TRUE(is_void_tag("hr"));
  EXPECT_FALSE(is_void_tag("b"));
}

TEST(HtmlInline, TagsInProse) {
  const std::string_view text = "a <b>bold</b> and a < 1 < 2 with<br>";
  const InlineTokens t = scan_inline(text, {{0, text.size()}});
  ASSERT_EQ(t.html.size(), 3u);
  EXPECT_EQ(t.html[0].range.in(text), "<b>");
  EXPECT_EQ(t.html[1].range.in(text), "</b>");
  EXPECT_EQ(t.html[1].kind, HtmlTagKind::close);
  EXPECT_EQ(t.html[2].range.in(text), "<br>");
}

TEST(HtmlInline, ScriptContentIsSkipped) {
  const std::string_view text = "<script>if (a<b && c>d) { x = '$a$ <i>'; }</script> $m$";
  const InlineTokens t = scan_inline(text, {{0, text.size()}});
  ASSERT_EQ(t.html.size(), 2u);
  EXPECT_EQ(t.html[0].name, "script");
  EXPECT_EQ(t.html[0].kind, HtmlTagKind::open);
  EXPECT_EQ(t.html[1].name, "script");
  EXPECT_EQ(t.html[1].kind, HtmlTagKind::close);
  ASSERT_EQ(t.math.size(), 1u);  // only the math after the script
  EXPECT_EQ(t.math[0].body.in(text), "m");
}

TEST(HtmlInline, StyleContentIsSkippedInHtmlBlocks) {
  const testing::Parsed p("<style>\np > b { color: red; } /* $x$ */\n</style>\n\nText.\n");
  const auto& html = p.doc().inline_tokens.html;
  ASSERT_EQ(html.size(), 2u);
  EXPECT_EQ(html[0].name, "style");
  EXPECT_EQ(html[1].kind, HtmlTagKind::close);
  EXPECT_TRUE(p.doc().inline_tokens.math.empty());
}

TEST(HtmlInline, NoTagsInsideCodeOrMath) {
  const std::string_view text = "`<b>` and $a<b>c$";
  const InlineTokens t = scan_inline(text, {{0, text.size()}});
  EXPECT_TRUE(t.html.empty());
}

}  // namespace
}  // namespace qadeck
