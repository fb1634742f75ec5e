// Links and code spans found by the inline scanner, with exact byte ranges.
#include <gtest/gtest.h>

#include "core/inline_scanner.h"
#include "test_support.h"

namespace qadeck {
namespace {

InlineTokens scan_all(std::string_view text) { return scan_inline(text, {{0, text.size()}}); }

const Link& only_link(const InlineTokens& t) {
  EXPECT_EQ(t.links.size(), 1u);
  static const Link none;
  return t.links.empty() ? none : t.links.front();
}

TEST(Links, InlineLink) {
  const std::string_view text = "See [the docs](https://example.com/a_(b)) now.";
  const InlineTokens t = scan_all(text);
  const Link& l = only_link(t);
  EXPECT_EQ(l.kind, LinkKind::inline_link);
  EXPECT_EQ(l.range.in(text), "[the docs](https://example.com/a_(b))");
  EXPECT_EQ(l.destination.in(text), "https://example.com/a_(b)");
  EXPECT_EQ(l.range.begin, 4u);
}

TEST(Links, InlineLinkWithTitleAndAngleDestination) {
  const std::string_view text = R"([a](<my file.md> "Title") and [b](c.md 'T'))";
  const InlineTokens t = scan_all(text);
  ASSERT_EQ(t.links.size(), 2u);
  EXPECT_EQ(t.links[0].destination.in(text), "my file.md");
  EXPECT_EQ(t.links[0].range.in(text), R"([a](<my file.md> "Title"))");
  EXPECT_EQ(t.links[1].destination.in(text), "c.md");
  EXPECT_EQ(t.links[1].range.in(text), "[b](c.md 'T')");
}

TEST(Links, Image) {
  const std::string_view text = "An image: ![a cat](img/cat.png).";
  const InlineTokens t = scan_all(text);
  const Link& l = only_link(t);
  EXPECT_EQ(l.kind, LinkKind::image);
  EXPECT_EQ(l.range.in(text), "![a cat](img/cat.png)");
  EXPECT_EQ(l.destination.in(text), "img/cat.png");
}

TEST(Links, LinkWrappingAnImage) {
  const std::string_view text = "[![badge](b.svg)](https://ci.example)";
  const InlineTokens t = scan_all(text);
  ASSERT_EQ(t.links.size(), 2u);
  EXPECT_EQ(t.links[0].kind, LinkKind::image);
  EXPECT_EQ(t.links[0].destination.in(text), "b.svg");
  EXPECT_EQ(t.links[1].kind, LinkKind::inline_link);
  EXPECT_EQ(t.links[1].range.in(text), text);
  EXPECT_EQ(t.links[1].destination.in(text), "https://ci.example");
}

TEST(Links, FullReference) {
  const std::string_view text = "Read [the paper][adam] today.";
  const InlineTokens t = scan_all(text);
  const Link& l = only_link(t);
  EXPECT_EQ(l.kind, LinkKind::reference);
  EXPECT_EQ(l.range.in(text), "[the paper][adam]");
  EXPECT_EQ(l.label.in(text), "adam");
  EXPECT_TRUE(l.destination.empty());
}

TEST(Links, CollapsedReference) {
  const std::string_view text = "Read [Adam][] today.";
  const InlineTokens t = scan_all(text);
  const Link& l = only_link(t);
  EXPECT_EQ(l.kind, LinkKind::reference);
  EXPECT_EQ(l.range.in(text), "[Adam][]");
  EXPECT_EQ(l.label.in(text), "Adam");
}

TEST(Links, Autolink) {
  const std::string_view text = "Mail <https://example.com/x?y=1> please";
  const InlineTokens t = scan_all(text);
  const Link& l = only_link(t);
  EXPECT_EQ(l.kind, LinkKind::autolink);
  EXPECT_EQ(l.range.in(text), "<https://example.com/x?y=1>");
  EXPECT_EQ(l.destination.in(text), "https://example.com/x?y=1");
}

TEST(Links, BareUrl) {
  const std::string_view text = "Go to https://example.com/path?q=1. Then stop.";
  const InlineTokens t = scan_all(text);
  const Link& l = only_link(t);
  EXPECT_EQ(l.kind, LinkKind::bare_url);
  EXPECT_EQ(l.range.in(text), "https://example.com/path?q=1");
  EXPECT_EQ(l.destination, l.range);
}

TEST(Links, BareUrlInParenthesesLosesTheParenthesis) {
  const std::string_view text = "(see http://example.org/a)";
  const InlineTokens t = scan_all(text);
  const Link& l = only_link(t);
  EXPECT_EQ(l.range.in(text), "http://example.org/a");
}

TEST(Links, NoBareUrlInsideAWord) {
  EXPECT_TRUE(scan_all("xhttps://example.com").links.empty());
  EXPECT_TRUE(scan_all("httpx://example.com").links.empty());
}

TEST(Links, HtmlHrefAndSrc) {
  const std::string_view text = R"(<a href="https://example.com">x</a> <img src='pic.png'>)";
  const InlineTokens t = scan_all(text);
  ASSERT_EQ(t.links.size(), 2u);
  EXPECT_EQ(t.links[0].kind, LinkKind::html_attribute);
  EXPECT_EQ(t.links[0].destination.in(text), "https://example.com");
  EXPECT_EQ(t.links[0].range.in(text), R"(<a href="https://example.com">)");
  EXPECT_EQ(t.links[1].kind, LinkKind::html_attribute);
  EXPECT_EQ(t.links[1].destination.in(text), "pic.png");
  EXPECT_EQ(t.links[1].range.in(text), "<img src='pic.png'>");
}

TEST(Links, ScriptSrcInAnHtmlBlock) {
  const testing::Parsed p(
      "<script src=\"https://cdn.example/m.js?config=TeX\" type=\"text/javascript\"></script>\n");
  const auto& links = p.doc().inline_tokens.links;
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(p.str(links[0].destination), "https://cdn.example/m.js?config=TeX");
}

TEST(Links, NoLinksInsideCodeOrMath) {
  const std::string_view text = "`[a](b)` and `https://x.example` and $[a](b)$";
  const InlineTokens t = scan_all(text);
  EXPECT_TRUE(t.links.empty());
  EXPECT_EQ(t.code_spans.size(), 2u);
}

// A destination left open makes the scanner read on inside it: one that starts there ends
// where its own `(` closes, though the open one around it never does.
TEST(Links, LinkInsideADestinationLeftOpen) {
  const std::string_view text = "[x](a([y](c)d [z](e([w](f)";
  const InlineTokens t = scan_all(text);
  ASSERT_EQ(t.links.size(), 2u);
  EXPECT_EQ(t.links[0].range.in(text), "[y](c)");
  EXPECT_EQ(t.links[1].range.in(text), "[w](f)");
}

TEST(Links, BracketsWithoutDestinationAreText) {
  EXPECT_TRUE(scan_all("an [array] of [1, 2]").links.empty());
  EXPECT_TRUE(scan_all("[a](unclosed").links.empty());
}

TEST(Links, RangesInADocument) {
  const testing::Parsed p("# Title\n\nSee [x](a.md#frag) and <http://b.example>.\n");
  const auto& links = p.doc().inline_tokens.links;
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(p.str(links[0].destination), "a.md#frag");
  EXPECT_EQ(p.line(links[0].range.begin), 3u);
  EXPECT_EQ(links[0].range.begin, p.text().find("[x]"));
  EXPECT_EQ(p.str(links[1].destination), "http://b.example");
}

TEST(CodeSpans, MatchingBacktickRuns) {
  const std::string_view text = "a `one` b ``two ` x`` c ```unclosed";
  const InlineTokens t = scan_all(text);
  ASSERT_EQ(t.code_spans.size(), 2u);
  EXPECT_EQ(t.code_spans[0].in(text), "`one`");
  EXPECT_EQ(t.code_spans[1].in(text), "``two ` x``");
}

TEST(CodeSpans, DocumentCodeIncludesFencesAndSpans) {
  const testing::Parsed p("Text `c` here.\n\n```\nfenced\n```\n");
  const Document& doc = p.doc();
  ASSERT_EQ(doc.code.size(), 2u);
  EXPECT_TRUE(doc.in_code(p.text().find("`c`") + 1));
  EXPECT_TRUE(doc.in_code(p.text().find("fenced")));
  EXPECT_FALSE(doc.in_code(0));
  EXPECT_FALSE(doc.in_code(p.text().find("here")));
}

}  // namespace
}  // namespace qadeck
