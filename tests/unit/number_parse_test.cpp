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

// Expects `text` to parse as a number of `parts`, written over `written`, the last part over
// `last`, the text after it at `rest`.
void expect_number(std::string_view text, const std::vector<long>& parts, ByteRange written,
                   ByteRange last, size_t rest) {
  const Parsed p = parse(text);
  ASSERT_TRUE(p.number) << text;
  EXPECT_EQ(p.number->parts, parts) << text;
  EXPECT_EQ(p.number->written, written) << text;
  EXPECT_EQ(p.number->last, last) << text;
  EXPECT_EQ(p.rest, rest) << text;
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

TEST(ParseNumber, ChineseNumerals) {
  // "十二、x"
  expect_number("\xE5\x8D\x81\xE4\xBA\x8C\xE3\x80\x81x", {12}, {0, 6}, {0, 6}, 9);
  EXPECT_FALSE(parse("\xE4\xB8\x80\xE4\xB8\xAA").number);  // "一个" is a word
}

TEST(ParseNumber, ChineseNumeralInFullWidthParentheses) {
  // "（三）x"
  expect_number("\xEF\xBC\x88\xE4\xB8\x89\xEF\xBC\x89x", {3}, {0, 9}, {3, 6}, 9);
}

TEST(ParseNumber, HierarchicalWithFullWidthComma) {
  const std::string_view text = "2.1\xEF\xBC\x8C" "x";  // "2.1，x"
  const Parsed p = parse(text);
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->parts, (std::vector<long>{2, 1}));
  EXPECT_EQ(p.number->last, (ByteRange{2, 3}));
  EXPECT_EQ(p.rest, 6u);
}

TEST(ParseNumber, DigitsInFullWidthParentheses) {
  const std::string_view text = "\xEF\xBC\x88" "12\xEF\xBC\x89" "x";  // "（12）x"
  expect_number(text, {12}, {0, 8}, {3, 5}, 8);
  EXPECT_EQ(parse(text).number.value_or(Number{}).prefix, "");
  // The parentheses must close right after the digits, around one number.
  EXPECT_FALSE(parse("\xEF\xBC\x88" "12x").number);
  EXPECT_FALSE(parse("\xEF\xBC\x88" "1.2\xEF\xBC\x89").number);
  EXPECT_FALSE(parse("\xEF\xBC\x88" "Q1\xEF\xBC\x89").number);
  EXPECT_FALSE(parse("\xEF\xBC\x88\xE6\xB3\xA8\xEF\xBC\x89").number);  // "（注）"
}

TEST(ParseNumber, FullWidthDigits) {
  // "１２．x": U+FF11 U+FF12, then the full-width full stop.
  expect_number("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x8E" "x", {12}, {0, 6}, {0, 6}, 9);
  // "１、x", "３.x", "（４）x"
  for (std::string_view other : {"\xEF\xBC\x91\xE3\x80\x81x", "\xEF\xBC\x93.x",
                                 "\xEF\xBC\x88\xEF\xBC\x94\xEF\xBC\x89x"}) {
    const Parsed o = parse(other);
    ASSERT_TRUE(o.number) << other;
    EXPECT_EQ(o.number->parts.size(), 1u) << other;
  }
  EXPECT_FALSE(parse("\xEF\xBC\x91\xEF\xBC\x90\xE5\x80\x8D").number);  // "１０倍"
  EXPECT_FALSE(parse("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94\xEF\xBC\x95"
                     "\xEF\xBC\x96\xEF\xBC\x97.")
                   .number);  // seven digits are too many, full-width or not
}

TEST(ParseNumber, FullWidthQPrefix) {
  // "Ｑ１：x" and "ｑ２ x"
  const std::string_view text = "\xEF\xBC\xB1\xEF\xBC\x91\xEF\xBC\x9A" "x";
  const Parsed p = parse(text);
  ASSERT_TRUE(p.number);
  EXPECT_EQ(p.number->prefix, "Q");
  EXPECT_EQ(p.number->value(), 1);
  EXPECT_EQ(p.number->written, (ByteRange{0, 6}));
  EXPECT_EQ(p.number->last, (ByteRange{3, 6}));
  EXPECT_EQ(p.rest, 9u);
  const Parsed lower = parse("\xEF\xBD\x91\xEF\xBC\x92 x");
  ASSERT_TRUE(lower.number);
  EXPECT_EQ(lower.number->prefix, "Q");
  EXPECT_EQ(lower.number->value(), 2);
  const Parsed mixed = parse("\xEF\xBC\xB1" "3: x");  // "Ｑ3: x"
  ASSERT_TRUE(mixed.number);
  EXPECT_EQ(mixed.number->value(), 3);
  EXPECT_FALSE(parse("\xEF\xBC\xB1\xEF\xBC\x9A" "x").number);  // "Ｑ：x" has no number
}

TEST(DigitAt, AsciiAndFullWidth) {
  const std::string_view text = "7\xEF\xBC\x99x\xEF\xBC\x9A";  // "7９x："
  const auto ascii = digit_at(text, 0, text.size());
  ASSERT_TRUE(ascii);
  EXPECT_EQ(ascii->value, 7);
  EXPECT_EQ(ascii->width, 1u);
  const auto wide = digit_at(text, 1, text.size());
  ASSERT_TRUE(wide);
  EXPECT_EQ(wide->value, 9);
  EXPECT_EQ(wide->width, 3u);
  EXPECT_FALSE(digit_at(text, 4, text.size()));
  EXPECT_FALSE(digit_at(text, 5, text.size()));  // the full-width colon
  EXPECT_FALSE(digit_at(text, 1, 3));             // cut by the limit
}

}  // namespace
}  // namespace qadeck
