#include <gtest/gtest.h>

#include "core/front_matter.h"
#include "test_support.h"

namespace qadeck {
namespace {

TEST(FrontMatter, Valid) {
  const std::string text =
      "---\ntitle: \"Q & A\"\nlang: en\nid: dl-qa\ntags: [ml, deep-learning]\n---\n# Body\n";
  const FrontMatter fm = parse_front_matter(text, 0);
  ASSERT_TRUE(fm.present);
  EXPECT_FALSE(fm.error.has_value());
  EXPECT_EQ(fm.range, (ByteRange{0, text.find("# Body")}));
  EXPECT_EQ(fm.body.in(text), "title: \"Q & A\"\nlang: en\nid: dl-qa\ntags: [ml, deep-learning]\n");
  EXPECT_EQ(fm.get("title"), "Q & A");
  EXPECT_EQ(fm.get("lang"), "en");
  EXPECT_EQ(fm.get("id"), "dl-qa");
  EXPECT_FALSE(fm.get("missing").has_value());
  EXPECT_EQ(fm.tags, (std::vector<std::string>{"ml", "deep-learning"}));
}

TEST(FrontMatter, TagsAsASpaceSeparatedString) {
  const FrontMatter fm = parse_front_matter("---\ntags: ml  nlp\n---\n", 0);
  ASSERT_TRUE(fm.present);
  EXPECT_EQ(fm.tags, (std::vector<std::string>{"ml", "nlp"}));
}

TEST(FrontMatter, DotsCloseIt) {
  const FrontMatter fm = parse_front_matter("---\ntitle: x\n...\nbody\n", 0);
  ASSERT_TRUE(fm.present);
  EXPECT_EQ(fm.get("title"), "x");
}

TEST(FrontMatter, EmptyBody) {
  const FrontMatter fm = parse_front_matter("---\n---\nbody\n", 0);
  ASSERT_TRUE(fm.present);
  EXPECT_FALSE(fm.error.has_value());
  EXPECT_TRUE(fm.scalars.empty());
}

TEST(FrontMatter, CrLfAndTrailingSpacesOnDelimiters) {
  const std::string text = "--- \r\ntitle: x\r\n---\r\nbody\r\n";
  const FrontMatter fm = parse_front_matter(text, 0);
  ASSERT_TRUE(fm.present);
  EXPECT_FALSE(fm.error.has_value());
  EXPECT_EQ(fm.get("title"), "x");
  EXPECT_EQ(fm.range.end, text.find("body"));
}

TEST(FrontMatter, AtTheEndOfTheFileWithoutNewline) {
  const std::string text = "---\ntitle: x\n---";
  const FrontMatter fm = parse_front_matter(text, 0);
  ASSERT_TRUE(fm.present);
  EXPECT_EQ(fm.range.end, text.size());
}

TEST(FrontMatter, InvalidYamlIsAnErrorWithItsOffset) {
  const std::string text = "---\ntitle: ok\nlang: [en\n---\nbody\n";
  const FrontMatter fm = parse_front_matter(text, 0);
  ASSERT_TRUE(fm.present);
  ASSERT_TRUE(fm.error.has_value());
  EXPECT_NE(fm.error->find("YAML"), std::string::npos) << *fm.error;
  EXPECT_TRUE(fm.body.contains(fm.error_offset) || fm.error_offset == fm.body.end)
      << fm.error_offset;
  // The problem is in the `lang:` line or after it, never before the body.
  EXPECT_GE(fm.error_offset, text.find("lang:"));
}

TEST(FrontMatter, ErrorOffsetPointsAtTheBadLine) {
  const std::string text = "---\na: 1\nb: 2\n  c: 3\n---\n";
  const FrontMatter fm = parse_front_matter(text, 0);
  ASSERT_TRUE(fm.present);
  ASSERT_TRUE(fm.error.has_value());
  const SourceFile file("f.md", text);
  const size_t line = file.lines().line_of(fm.error_offset) + 1;
  EXPECT_GE(line, 3u);
  EXPECT_LE(line, 4u);
}

TEST(FrontMatter, NotAMappingIsAnError) {
  const FrontMatter fm = parse_front_matter("---\n- a\n- b\n---\n", 0);
  ASSERT_TRUE(fm.present);
  ASSERT_TRUE(fm.error.has_value());
  EXPECT_NE(fm.error->find("mapping"), std::string::npos);
}

TEST(FrontMatter, MissingClosingDelimiterIsNoFrontMatter) {
  const FrontMatter fm = parse_front_matter("---\ntitle: x\n\n# Heading\n", 0);
  EXPECT_FALSE(fm.present);
  EXPECT_FALSE(fm.error.has_value());
}

TEST(FrontMatter, OnlyOnTheFirstLine) {
  EXPECT_FALSE(parse_front_matter("\n---\ntitle: x\n---\n", 0).present);
  EXPECT_FALSE(parse_front_matter("# T\n---\ntitle: x\n---\n", 0).present);
  EXPECT_FALSE(parse_front_matter("----\ntitle: x\n----\n", 0).present);
  EXPECT_FALSE(parse_front_matter("", 0).present);
}

TEST(FrontMatter, AfterAByteOrderMark) {
  const std::string text = "\xEF\xBB\xBF---\ntitle: x\n---\nbody\n";
  const testing::Parsed p(text);
  const FrontMatter& fm = p.doc().front_matter;
  ASSERT_TRUE(fm.present);
  EXPECT_EQ(fm.range.begin, 3u);
  EXPECT_EQ(fm.get("title"), "x");
}

TEST(FrontMatter, DocumentBlocksStartAfterIt) {
  const testing::Parsed p("---\ntitle: x\n---\n## 1. Section\n");
  ASSERT_TRUE(p.doc().front_matter.present);
  for (const Block& b : p.doc().blocks) {
    EXPECT_GE(b.range.begin, p.doc().front_matter.range.end);
    EXPECT_NE(b.kind, BlockKind::thematic_break);
  }
  ASSERT_EQ(p.doc().sections.size(), 1u);
}

}  // namespace
}  // namespace qadeck
