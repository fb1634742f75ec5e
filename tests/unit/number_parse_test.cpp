// parse_number: question and section numbers as written.
#include <gtest/gtest.h>

#include "core/qa_extractor.h"

namespace qadeck {
namespace {

struct Parsed {
  std::optional<Number> number;
  size_t rest = 0;
};

Parsed parse(std::string_view text, bool allow_bare = false) {
  Parsed p;
  p.number = parse_number(text, 0, text.size(), allow_bare, p.rest);
  return p;
}

TEST(ParseNumber, DotTerminated) {
  const std::string_view text = "12. What?";
  const Parsed p = parse(text);
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->parts, (std::vector<long>{12}));
  EXPECT_EQ(p.number->value(), 12);
  EXPECT_EQ(p.number->prefix, "");
  EXPECT_EQ(p.number->written, (ByteRange{0, 2}));
  EXPECT_EQ(p.number->last, (ByteRange{0, 2}));
  EXPECT_EQ(p.rest, 4u);  // after "12. "
  EXPECT_TRUE(p.number->present());
}

TEST(ParseNumber, DotAtTheEnd) {
  const Parsed p = parse("12.");
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->value(), 12);
  EXPECT_EQ(p.rest, 3u);
}

TEST(ParseNumber, QPrefixWithFullWidthColon) {
  const std::string_view text = "Q3\xEF\xBC\x9A" "What is it?";  // "Q3：What is it?"
  const Parsed p = parse(text);
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->prefix, "Q");
  EXPECT_EQ(p.number->parts, (std::vector<long>{3}));
  EXPECT_EQ(p.number->written, (ByteRange{0, 2}));
  EXPECT_EQ(p.number->last, (ByteRange{1, 2}));
  EXPECT_EQ(p.rest, 5u);
}

TEST(ParseNumber, QPrefixVariants) {
  for (std::string_view text : {"Q12: x", "q12. x", "Q12 x", "Q12"}) {
    const Parsed p = parse(text);
    ASSERT_TRUE(p.number) << text;
    EXPECT_EQ(p.number->prefix, "Q") << text;
    EXPECT_EQ(p.number->value(), 12) << text;
  }
  EXPECT_FALSE(parse("Question 1. x").number);
  EXPECT_FALSE(parse("Q. x").number);
}

TEST(ParseNumber, Hierarchical) {
  const std::string_view text = "3.1.1 Pooling";
  const Parsed p = parse(text);
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->parts, (std::vector<long>{3, 1, 1}));
  EXPECT_EQ(p.number->value(), 1);
  EXPECT_EQ(p.number->written, (ByteRange{0, 5}));
  EXPECT_EQ(p.number->last, (ByteRange{4, 5}));
  EXPECT_EQ(p.rest, 6u);
}

TEST(ParseNumber, HierarchicalWithTrailingDot) {
  const Parsed p = parse("3.12.7. Pooling");
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->parts, (std::vector<long>{3, 12, 7}));
  EXPECT_EQ(p.number->last, (ByteRange{5, 6}));
  EXPECT_EQ(p.rest, 8u);
}

TEST(ParseNumber, Parenthesis) {
  const Parsed p = parse("1) What?");
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->value(), 1);
  EXPECT_EQ(p.rest, 3u);
}

TEST(ParseNumber, OtherTerminators) {
  for (std::string_view text : {"4: x", "4- x", "4\xE3\x80\x81x", "4\xEF\xBC\x8Ex"}) {
    const Parsed p = parse(text);
    ASSERT_TRUE(p.number) << text;
    EXPECT_EQ(p.number->value(), 4) << text;
  }
}

TEST(ParseNumber, DecimalIsNotANumber) {
  EXPECT_FALSE(parse("1.5x faster").number);
  EXPECT_FALSE(parse("1.5x faster", true).number);
}

TEST(ParseNumber, BareNumbersOnlyWhenAllowed) {
  EXPECT_FALSE(parse("12 angry men").number);
  const Parsed bare = parse("12 angry men", true);
  ASSERT_TRUE(bare.number);
  EXPECT_EQ(bare.number->value(), 12);
  EXPECT_EQ(bare.rest, 3u);
  EXPECT_FALSE(parse("12").number);
  EXPECT_TRUE(parse("12", true).number);
}

TEST(ParseNumber, Rejects) {
  EXPECT_FALSE(parse("").number);
  EXPECT_FALSE(parse("x1.").number);
  EXPECT_FALSE(parse("12x").number);
  EXPECT_FALSE(parse("1234567. too long").number);
  EXPECT_FALSE(parse("2020年").number);
}

TEST(ParseNumber, RespectsOffsetsAndLimit) {
  const std::string_view text = "**7. Seven**";
  size_t rest = 0;
  const auto n = parse_number(text, 2, text.size(), false, rest);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->written, (ByteRange{2, 3}));
  EXPECT_EQ(rest, 5u);
  // A limit right after the digits: a bare number, accepted only when allowed.
  EXPECT_FALSE(parse_number(text, 2, 3, false, rest));
  EXPECT_TRUE(parse_number(text, 2, 3, true, rest));
}

}  // namespace
}  // namespace qadeck
