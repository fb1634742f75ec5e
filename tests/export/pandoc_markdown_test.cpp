#include <gtest/gtest.h>

#include "export/deck_builder.h"
#include "export/pandoc_markdown.h"
#include "test_support.h"

namespace qadeck {
namespace {

using testing::Parsed;

std::string intermediate(const std::string& text, const std::string& path = "notes.md") {
  const Parsed doc(text, {}, path);
  DeckBuilder builder;
  builder.add(doc.doc());
  return pandoc_markdown(builder.finish());
}

TEST(PandocMarkdown, HeaderSectionsAndNumberedQuestions) {
  const std::string md = intermediate(
      "---\ntitle: \"Deep \\\"Q\\\" & A\"\n---\n## 1. Basics\n<p align=\"justify\">\n"
      "<b>1. What is it?</b><br>\nSolution: this.<br><br>\n\n"
      "<b>2. And $x_1$?</b><br>\nThat.<br><br>\n</p>\n");
  EXPECT_TRUE(md.starts_with("---\ntitle: \"Deep \\\"Q\\\" & A\"\n")) << md;
  EXPECT_NE(md.find("CJKmainfont: Noto Serif CJK SC\n"), std::string::npos);
  EXPECT_NE(md.find("\n# 1 Basics {-}\n"), std::string::npos) << md;
  EXPECT_NE(md.find("\n**1.** What is it?\n\nSolution: this.\n"), std::string::npos) << md;
  EXPECT_NE(md.find("\n**2.** And $x_1$?\n\nThat.\n"), std::string::npos) << md;
  EXPECT_EQ(md.find("<p"), std::string::npos) << md;
  EXPECT_EQ(md.find("<b>"), std::string::npos) << md;
}

TEST(PandocMarkdown, BreaksBecomeLineAndParagraphBreaks) {
  const std::string md = intermediate(
      "<b>1. Q?</b><br>\nOne.<br>\nTwo.<br><br>\nThree.<br> <br>Four.<br><br>\n\n"
      "<b>2. R?</b><br>\nFive.\n");
  EXPECT_NE(md.find("One.\\\nTwo.\n\nThree.\n\nFour.\n"), std::string::npos) << md;
}

TEST(PandocMarkdown, MathStaysAsWritten) {
  const std::string md = intermediate(
      "<b>1. Q?</b><br>\nWe add $\\alpha \\left \\| w \\right \\|^{2}$ and \\( a_1 \\).\n"
      "$$w = w - \\triangledown C(w)$$\n\nSo \\[x < 1\\] holds.<br><br>\n\n"
      "<b>2. R?</b><br>\nFive.\n");
  EXPECT_NE(md.find("$\\alpha \\left \\| w \\right \\|^{2}$"), std::string::npos) << md;
  EXPECT_NE(md.find("$a_1$"), std::string::npos) << md;
  EXPECT_NE(md.find("$$w = w - \\triangledown C(w)$$"), std::string::npos) << md;
  EXPECT_NE(md.find("$$x < 1$$"), std::string::npos) << md;
}

TEST(PandocMarkdown, ScriptsGoImagesStayCodeIsUntouched) {
  const std::string md = intermediate(
      "<b>1. Q?</b><br>\nA <script>alert(1)</script>B <img src=\"p.png\" alt=\"plot\"> "
      "`<br>` and <i>it</i>.\n\n<b>2. R?</b><br>\nFive.\n");
  EXPECT_NE(md.find("A B ![plot](p.png) `<br>` and *it*."), std::string::npos) << md;
  EXPECT_EQ(md.find("alert"), std::string::npos) << md;
}

TEST(PandocMarkdown, InlineTagsBecomePandocMarkup) {
  const std::string md = intermediate(
      "<b>1. Q?</b><br>\n<em>e</em> H<sub>2</sub>O x<sup>a b</sup> <kbd>Ctrl</kbd> "
      "<code>int</code> <mark>hot</mark> <strong>s</strong> <span>plain</span>.\n");
  EXPECT_NE(md.find("*e* H~2~O x^a\\ b^ `Ctrl` `int` **hot** **s** plain."), std::string::npos)
      << md;
}

// Heading ids come from the links library (the export command adds them; the PDF test checks).
TEST(PandocMarkdown, LinksToFragmentsAndOtherFiles) {
  const std::string md = intermediate(
      "## 1. Basics\n\n<b>1. What?</b><br>\nSee [up](#1-basics), [other](b.md#x) and "
      "<a href=\"c.md\">c</a>.\n\n<b>2. R?</b><br>\nFive.\n");
  EXPECT_NE(md.find("See [up](#q-1-basics), other and c."), std::string::npos) << md;
}

TEST(PandocMarkdown, SeveralDocumentsGetTheirOwnHeadings) {
  const Parsed a("---\ntitle: First\n---\n## 1. S\n\n**1. A?**\n\nx\n\n**2. C?**\n\nz\n", {},
                 "a.md");
  const Parsed b("---\ntitle: Second\n---\n**1. B?**\n\ny\n\n**2. D?**\n\nw\n", {}, "b.md");
  DeckBuilder builder;
  builder.add(a.doc());
  builder.add(b.doc());
  const std::string md = pandoc_markdown(builder.finish());
  EXPECT_NE(md.find("title: \"Questions and answers\""), std::string::npos) << md;
  EXPECT_NE(md.find("\n# First\n\n## 1 S {-}\n\n**1.** A?\n"), std::string::npos) << md;
  EXPECT_NE(md.find("\n# Second\n\n**1.** B?\n"), std::string::npos) << md;
}

}  // namespace
}  // namespace qadeck
