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

// A comment left open is remembered for its region: later ones fail at once, and an earlier
// one still finds its end.
TEST(HtmlScanner, CommentMemo) {
  const std::string_view text = "<!-- a --> <!-- b <!-- c";
  HtmlScanMemo memo;
  EXPECT_FALSE(scan_html_tag(text, 18, text.size(), &memo));
  EXPECT_FALSE(scan_html_tag(text, 11, text.size(), &memo));
  const auto first = scan_html_tag(text, 0, text.size(), &memo);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->kind, HtmlTagKind::comment);
  EXPECT_EQ(first->range, (ByteRange{0, 10}));
  // Another region (another limit) starts afresh.
  EXPECT_TRUE(scan_html_tag("<!-- d -->", 0, 10, &memo));
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

namespace qadeck {
namespace {

// The tags Html5TagReader finds in `html`, written back as `<name attr...>` or `</name>`.
std::vector<std::string> html5_tags(std::string_view html) {
  std::vector<std::string> out;
  Html5TagReader reader(html);
  for (size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at)) {
    const Html5TagReader::Step step = reader.read(at, html.size());
    at = step.next;
    if (!step.tag) continue;
    const HtmlTag& t = *step.tag;
    if (t.kind == HtmlTagKind::comment || t.kind == HtmlTagKind::declaration) {
      out.push_back("!" + std::string(t.range.in(html)));
      continue;
    }
    std::string s = t.kind == HtmlTagKind::close ? "</" + t.name : "<" + t.name;
    for (const HtmlAttribute& a : t.attributes) s += " " + a.name + "=" + std::string(a.value.in(html));
    out.push_back(s + (t.kind == HtmlTagKind::self_closing ? "/>" : ">"));
  }
  return out;
}

using Tags = std::vector<std::string>;

TEST(Html5TagReader, ReadsTagsAsTheTokenizerDoes) {
  EXPECT_EQ(html5_tags("<svg/onload=x>"), (Tags{"<svg onload=x>"}));
  EXPECT_EQ(html5_tags("<img/src=\"x\"/onerror=y>"), (Tags{"<img src=x onerror=y>"}));
  EXPECT_EQ(html5_tags("<img src=`x` onerror=y>"), (Tags{"<img src=`x` onerror=y>"}));
  EXPECT_EQ(html5_tags("<img src=x\" a=>"), (Tags{"<img src=x\" a=>"}));
  EXPECT_EQ(html5_tags("<a:b @x=1 \xC3\xA9=2>"), (Tags{"<a:b @x=1 \xC3\xA9=2>"}));
  EXPECT_EQ(html5_tags("<b a=1 a=2 \"q=3>"), (Tags{"<b a=1 \"q=3>"}));
  EXPECT_EQ(html5_tags("</b x=1>"), (Tags{"</b>"}));
  EXPECT_EQ(html5_tags("a < b, <3, </> and </ x>"), (Tags{"!</ x>"}));
  EXPECT_EQ(html5_tags("<img src=x <i>"), (Tags{"<img src=x <i=>"}));
  // A tag that the end of the text cuts off is no tag, and what it covers is no tag either.
  EXPECT_EQ(html5_tags("<b>x<img src=\"a><i>b"), (Tags{"<b>"}));
}

TEST(Html5TagReader, EndsCommentsWhereBrowsersDo) {
  EXPECT_EQ(html5_tags("<!--><b>"), (Tags{"!<!-->", "<b>"}));
  EXPECT_EQ(html5_tags("<!---><b>"), (Tags{"!<!--->", "<b>"}));
  EXPECT_EQ(html5_tags("<!-- a --!><b>"), (Tags{"!<!-- a --!>", "<b>"}));
  EXPECT_EQ(html5_tags("<!-- a ---><b>"), (Tags{"!<!-- a --->", "<b>"}));
  EXPECT_EQ(html5_tags("<?x <b>?><i>"), (Tags{"!<?x <b>", "<i>"}));
}

TEST(Html5TagReader, RawTextRunsToItsEndTag) {
  EXPECT_EQ(html5_tags("<title><!--</title><svg onload=x>-->"),
            (Tags{"<title>", "</title>", "<svg onload=x>"}));
  EXPECT_EQ(html5_tags("<xmp><b></xmpx></XMP ><i>"), (Tags{"<xmp>", "</xmp>", "<i>"}));
  for (const char* name : {"style", "iframe", "noembed", "noframes", "noscript", "textarea"}) {
    const std::string n = name;
    EXPECT_EQ(html5_tags("<" + n + "><b a=\"</" + n + ">\">"), (Tags{"<" + n + ">", "</" + n + ">"}))
        << name;
  }
  EXPECT_EQ(html5_tags("<plaintext></plaintext><b>"), (Tags{"<plaintext>"}));
  // `<!--` in a script hides a `</script>` that follows a nested `<script>`.
  EXPECT_EQ(html5_tags("<script><!--<script></script>x</script><b>"),
            (Tags{"<script>", "</script>", "<b>"}));
  EXPECT_EQ(html5_tags("<script><!-- --></script><b>"), (Tags{"<script>", "</script>", "<b>"}));
}

TEST(Html5TagReader, SvgAndMathContentIsMarkup) {
  EXPECT_EQ(html5_tags("<svg><style><b></style></svg>"),
            (Tags{"<svg>", "<style>", "<b>", "</style>", "</svg>"}));
  EXPECT_EQ(html5_tags("<svg><![CDATA[<b>]]></svg><![CDATA[<i>]]>"),
            (Tags{"<svg>", "!<![CDATA[<b>]]>", "</svg>", "!<![CDATA[<i>"}));
  // An HTML integration point's content is HTML again; a <p> leaves svg altogether.
  EXPECT_EQ(html5_tags("<svg><foreignObject><style><b></style></foreignObject></svg>"),
            (Tags{"<svg>", "<foreignobject>", "<style>", "</style>", "</foreignobject>", "</svg>"}));
  EXPECT_EQ(html5_tags("<math><p><style><b></style>"), (Tags{"<math>", "<p>", "<style>", "</style>"}));
}

}  // namespace
}  // namespace qadeck
