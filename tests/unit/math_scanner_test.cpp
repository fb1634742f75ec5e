// Math per pandoc's tex_math_dollars rules, through scan_math and through the inline scanner
// and the Document (code spans and fences, blank lines between paragraphs).
#include <gtest/gtest.h>

#include "core/inline_scanner.h"
#include "core/math_scanner.h"
#include "test_support.h"

namespace qadeck {
namespace {

using testing::Parsed;

InlineTokens scan_all(std::string_view text) { return scan_inline(text, {{0, text.size()}}); }

std::vector<std::string> bodies(std::string_view text, const InlineTokens& tokens) {
  std::vector<std::string> out;
  for (const MathSpan& m : tokens.math) out.emplace_back(m.body.in(text));
  return out;
}

TEST(ScanMath, InlineDollar) {
  const std::string_view text = "$a$";
  const MathScan s = scan_math(text, 0, text.size());
  ASSERT_EQ(s.result, MathScan::Result::span);
  EXPECT_EQ(s.span.kind, MathKind::inline_dollar);
  EXPECT_EQ(s.span.range, (ByteRange{0, 3}));
  EXPECT_EQ(s.span.body, (ByteRange{1, 2}));
  EXPECT_EQ(s.next, 3u);
}

TEST(ScanMath, OpeningDollarNeedsNonSpaceAfterIt) {
  const std::string_view text = "$ a$";
  EXPECT_EQ(scan_math(text, 0, text.size()).result, MathScan::Result::none);
}

TEST(ScanMath, ClosingDollarNeedsNonSpaceBeforeIt) {
  const std::string_view text = "$a $";
  EXPECT_NE(scan_math(text, 0, text.size()).result, MathScan::Result::span);
}

TEST(ScanMath, ClosingDollarMustNotBeFollowedByADigit) {
  const std::string_view text = "$a$5";
  EXPECT_NE(scan_math(text, 0, text.size()).result, MathScan::Result::span);
  // The first `$` is the only candidate: a later one does not close (pandoc).
  const std::string_view later = "$a$5 b$";
  EXPECT_NE(scan_math(later, 0, later.size()).result, MathScan::Result::span);
}

TEST(ScanMath, TextGroupsHideDollars) {
  const std::string_view text = R"($\text{a $b$ c}$)";
  const MathScan s = scan_math(text, 0, text.size());
  ASSERT_EQ(s.result, MathScan::Result::span);
  EXPECT_EQ(s.span.body.in(text), R"(\text{a $b$ c})");
  // An unbalanced group is no group: the backslash escapes one character.
  const std::string_view open = R"($\text{a$b)";
  EXPECT_EQ(scan_math(open, 0, open.size()).span.body.in(open), R"(\text{a)");
}

// A text group left open is read again from inside: a group opened in it may still close,
// and hide a `$`.
TEST(ScanMath, TextGroupInsideOneLeftOpen) {
  const std::string_view open = "$x \\text{ \\text{$} y";
  EXPECT_EQ(scan_math(open, 0, open.size()).result, MathScan::Result::unclosed);
  const std::string_view closed = "$x \\text{ \\text{$}$";
  const MathScan s = scan_math(closed, 0, closed.size());
  ASSERT_EQ(s.result, MathScan::Result::span);
  EXPECT_EQ(s.span.body.in(closed), "x \\text{ \\text{$}");
}

TEST(ScanMath, ProseDollars) {
  for (const std::string_view prose : {"$5, or", "$1,000.50 each", "$3.5k", "$-1.82 a share",
                                       "$/token", "5$ each", "$5-10 an hour", "$5 and $10"}) {
    EXPECT_TRUE(is_prose_dollar(prose, prose.find('$'), prose.size())) << prose;
  }
  for (const std::string_view formula :
       {"$4 \\times 1 + 1 = 5", "$1\u2212p", "$2^n", "$1-p", "$x + 1", "$-3 $ and", "$2 = x"}) {
    EXPECT_FALSE(is_prose_dollar(formula, 0, formula.size())) << formula;
  }
}

TEST(ScanMath, EscapedDollarInsideMathDoesNotClose) {
  const std::string_view text = R"($a\$b$)";
  const MathScan s = scan_math(text, 0, text.size());
  ASSERT_EQ(s.result, MathScan::Result::span);
  EXPECT_EQ(s.span.body.in(text), R"(a\$b)");
}

TEST(ScanMath, DisplayDollar) {
  const std::string_view text = "$$x^2$$ after";
  const MathScan s = scan_math(text, 0, text.size());
  ASSERT_EQ(s.result, MathScan::Result::span);
  EXPECT_EQ(s.span.kind, MathKind::display_dollar);
  EXPECT_EQ(s.span.range, (ByteRange{0, 7}));
  EXPECT_EQ(s.span.body.in(text), "x^2");
}

TEST(ScanMath, UnclosedDisplayDollar) {
  const std::string_view text = "$$x^2";
  const MathScan s = scan_math(text, 0, text.size());
  ASSERT_EQ(s.result, MathScan::Result::unclosed);
  EXPECT_EQ(s.unclosed.kind, MathKind::display_dollar);
  EXPECT_EQ(s.unclosed.delimiter, (ByteRange{0, 2}));
}

TEST(ScanMath, ParenAndBracket) {
  const std::string_view paren = R"(\(a+b\))";
  MathScan s = scan_math(paren, 0, paren.size());
  ASSERT_EQ(s.result, MathScan::Result::span);
  EXPECT_EQ(s.span.kind, MathKind::inline_paren);
  EXPECT_EQ(s.span.body.in(paren), "a+b");

  const std::string_view bracket = R"(\[a+b\])";
  s = scan_math(bracket, 0, bracket.size());
  ASSERT_EQ(s.result, MathScan::Result::span);
  EXPECT_EQ(s.span.kind, MathKind::display_bracket);
  EXPECT_EQ(s.span.range, (ByteRange{0, bracket.size()}));
  EXPECT_EQ(s.span.body.in(bracket), "a+b");
}

TEST(ScanMath, UnclosedParenAndBracket) {
  const std::string_view paren = R"(\(a+b)";
  MathScan s = scan_math(paren, 0, paren.size());
  ASSERT_EQ(s.result, MathScan::Result::unclosed);
  EXPECT_EQ(s.unclosed.kind, MathKind::inline_paren);
  const std::string_view bracket = R"(\[a+b)";
  s = scan_math(bracket, 0, bracket.size());
  ASSERT_EQ(s.result, MathScan::Result::unclosed);
  EXPECT_EQ(s.unclosed.kind, MathKind::display_bracket);
}

TEST(ScanMath, OtherBackslashIsNotMath) {
  const std::string_view text = R"(\alpha)";
  EXPECT_EQ(scan_math(text, 0, text.size()).result, MathScan::Result::none);
}

TEST(ScanMath, DoesNotReadPastLimit) {
  const std::string_view text = "$a$";
  EXPECT_NE(scan_math(text, 0, 2).result, MathScan::Result::span);
  EXPECT_EQ(find_display_close("$$a$$", 2, 4), std::string_view::npos);
  EXPECT_EQ(find_display_close("$$a$$", 2, 5), 3u);
}

TEST(InlineMath, CurrencyIsProse) {
  const std::string_view text = "It costs $5 and $10 a month.";
  const InlineTokens t = scan_all(text);
  EXPECT_TRUE(t.math.empty());
  // Prose dollars are not math left open either: math.unbalanced-dollar must not fire.
  EXPECT_TRUE(t.unclosed_math.empty());
}

TEST(InlineMath, EscapedDollarIsLiteral) {
  const std::string_view text = R"(Price: \$a$ and more)";
  const InlineTokens t = scan_all(text);
  EXPECT_TRUE(t.math.empty());
  EXPECT_TRUE(t.unclosed_math.empty());
}

TEST(InlineMath, SimpleInlineMath) {
  const std::string_view text = "Let $a$ be $b_1 + c$.";
  const InlineTokens t = scan_all(text);
  EXPECT_EQ(bodies(text, t), (std::vector<std::string>{"a", "b_1 + c"}));
  ASSERT_EQ(t.math.size(), 2u);
  EXPECT_EQ(t.math[0].range, (ByteRange{4, 7}));
  EXPECT_TRUE(t.unclosed_math.empty());
}

TEST(InlineMath, AFailedCloserEndsTheSearch) {
  const std::string_view text = "It costs $5, or $x^2$ in general.";
  EXPECT_EQ(bodies(text, scan_all(text)), (std::vector<std::string>{"x^2"}));
  const std::string_view spaced = "$x $y$";
  EXPECT_EQ(bodies(spaced, scan_all(spaced)), (std::vector<std::string>{"y"}));
}

TEST(InlineMath, DoubleDollarThatClosesNothingIsALiteralDollar) {
  const std::string_view text = "Not math: $$x$.";
  const InlineTokens t = scan_all(text);
  EXPECT_EQ(bodies(text, t), (std::vector<std::string>{"x"}));
  EXPECT_TRUE(t.unclosed_math.empty());
}

TEST(InlineMath, SpaceRulesReject) {
  EXPECT_TRUE(scan_all("a $ a$ b").math.empty());
  EXPECT_TRUE(scan_all("a $a $ b").math.empty());
  EXPECT_TRUE(scan_all("a $a$5 b").math.empty());
}

TEST(InlineMath, DisplayMathWrittenInline) {
  const std::string_view text = "so $$E = mc^2$$ holds";
  const InlineTokens t = scan_all(text);
  ASSERT_EQ(t.math.size(), 1u);
  EXPECT_EQ(t.math[0].kind, MathKind::display_dollar);
  EXPECT_EQ(t.math[0].body.in(text), "E = mc^2");
  EXPECT_FALSE(t.math[0].crosses_blank_line);
}

TEST(InlineMath, DisplayMathOverSeveralLines) {
  const Parsed p("Before\n$$\na = b\n\\\\ c = d\n$$\nafter\n");
  const auto& math = p.doc().inline_tokens.math;
  ASSERT_EQ(math.size(), 1u);
  EXPECT_EQ(math[0].kind, MathKind::display_dollar);
  EXPECT_EQ(p.line(math[0].range.begin), 2u);
  EXPECT_EQ(p.end_line(math[0].range), 5u);
  EXPECT_FALSE(math[0].crosses_blank_line);
  EXPECT_TRUE(p.doc().inline_tokens.unclosed_math.empty());
}

TEST(InlineMath, DisplayMathAcrossABlankLine) {
  const Parsed p("Text\n$$\na = b\n\nc = d\n$$\n");
  const auto& math = p.doc().inline_tokens.math;
  ASSERT_EQ(math.size(), 1u);
  EXPECT_EQ(math[0].kind, MathKind::display_dollar);
  EXPECT_TRUE(math[0].crosses_blank_line);
  EXPECT_EQ(p.line(math[0].range.begin), 2u);
  EXPECT_EQ(p.end_line(math[0].range), 6u);
  EXPECT_TRUE(p.doc().inline_tokens.unclosed_math.empty());
}

TEST(InlineMath, DisplayMathDoesNotContinueAcrossOtherBlocks) {
  const Parsed p("$$\na = b\n\n```\ncode\n```\n\nc $$\n");
  const auto& tokens = p.doc().inline_tokens;
  for (const MathSpan& m : tokens.math) EXPECT_FALSE(m.crosses_blank_line);
  EXPECT_FALSE(tokens.unclosed_math.empty());
}

TEST(InlineMath, ParenAndBracketInProse) {
  const std::string_view text = R"(inline \(x\) and display \[y\] here)";
  const InlineTokens t = scan_all(text);
  ASSERT_EQ(t.math.size(), 2u);
  EXPECT_EQ(t.math[0].kind, MathKind::inline_paren);
  EXPECT_EQ(t.math[0].body.in(text), "x");
  EXPECT_EQ(t.math[1].kind, MathKind::display_bracket);
  EXPECT_EQ(t.math[1].body.in(text), "y");
}

TEST(InlineMath, NothingInsideCodeSpans) {
  const std::string_view text = "run `echo $a$` and ``$$x$$`` now";
  const InlineTokens t = scan_all(text);
  EXPECT_TRUE(t.math.empty());
  EXPECT_TRUE(t.unclosed_math.empty());
  ASSERT_EQ(t.code_spans.size(), 2u);
  EXPECT_EQ(t.code_spans[0].in(text), "`echo $a$`");
  EXPECT_EQ(t.code_spans[1].in(text), "``$$x$$``");
}

TEST(InlineMath, CodeSpanStartingInsideMathIsMath) {
  // The first construct to start wins.
  const std::string_view text = "$a `b$ c`";
  const InlineTokens t = scan_all(text);
  ASSERT_EQ(t.math.size(), 1u);
  EXPECT_EQ(t.math[0].body.in(text), "a `b");
  EXPECT_TRUE(t.code_spans.empty());
}

TEST(InlineMath, NothingInsideFencedOrIndentedCode) {
  const Parsed p("Text\n\n```\n$a$ and $$\n```\n\n    $b$\n\nafter $c$\n");
  const auto& tokens = p.doc().inline_tokens;
  ASSERT_EQ(tokens.math.size(), 1u);
  EXPECT_EQ(p.str(tokens.math[0].body), "c");
  EXPECT_TRUE(tokens.unclosed_math.empty());
}

TEST(InlineMath, UnclosedDollarIsReported) {
  const std::string_view text = R"(the value $\alpha + 1 is large)";
  const InlineTokens t = scan_all(text);
  EXPECT_TRUE(t.math.empty());
  ASSERT_EQ(t.unclosed_math.size(), 1u);
  EXPECT_EQ(t.unclosed_math[0].kind, MathKind::inline_dollar);
  EXPECT_EQ(t.unclosed_math[0].delimiter, (ByteRange{10, 11}));
}

TEST(InlineMath, UnclosedDisplayIsReportedAndTheRestStillScanned) {
  const Parsed p("Start $$x^2 and then $a$.\n");
  const auto& tokens = p.doc().inline_tokens;
  ASSERT_EQ(tokens.unclosed_math.size(), 1u);
  EXPECT_EQ(tokens.unclosed_math[0].kind, MathKind::display_dollar);
  EXPECT_EQ(p.str(tokens.unclosed_math[0].delimiter), "$$");
  EXPECT_EQ(tokens.unclosed_math[0].delimiter.begin, 6u);
  ASSERT_EQ(tokens.math.size(), 1u);
  EXPECT_EQ(p.str(tokens.math[0].body), "a");
}

TEST(InlineMath, UnclosedDisplayAtTheTopOfALongFile) {
  std::string text = "$$ open\n\n";
  for (int i = 0; i < 2000; ++i) text += "Paragraph " + std::to_string(i) + " with $x$.\n\n";
  const Parsed p(text);
  const auto& tokens = p.doc().inline_tokens;
  ASSERT_EQ(tokens.unclosed_math.size(), 1u);
  EXPECT_EQ(tokens.unclosed_math[0].delimiter.begin, 0u);
  EXPECT_EQ(tokens.math.size(), 2000u);
}

TEST(InlineMath, MathInsideHtmlBlocks) {
  const Parsed p("<p>\nweights $w_i$ and\n$$\\sum w$$\n</p>\n");
  const auto& math = p.doc().inline_tokens.math;
  ASSERT_EQ(math.size(), 2u);
  EXPECT_EQ(p.str(math[0].body), "w_i");
  EXPECT_EQ(math[1].kind, MathKind::display_dollar);
}

TEST(InlineMath, CurrencyWithTheDigitBefore) {
  const InlineTokens t = scan_all("It is 5$/hour.");
  EXPECT_TRUE(t.math.empty());
  EXPECT_TRUE(t.unclosed_math.empty());
}

TEST(InlineMath, DisplayMathAcrossTwoBlankLinesWithTexBetween) {
  const Parsed p("$$\\begin{aligned}\na \\\\\n\nb = \\sum x \\\\\n\nc\n\\end{aligned}$$\n\nafter $x$\n");
  const auto& tokens = p.doc().inline_tokens;
  ASSERT_EQ(tokens.math.size(), 2u);
  EXPECT_EQ(tokens.math[0].kind, MathKind::display_dollar);
  EXPECT_TRUE(tokens.math[0].crosses_blank_line);
  EXPECT_EQ(p.line(tokens.math[0].range.begin), 1u);
  EXPECT_EQ(p.end_line(tokens.math[0].range), 7u);
  EXPECT_EQ(p.str(tokens.math[1].body), "x");
  EXPECT_TRUE(tokens.unclosed_math.empty());
}

TEST(InlineMath, DisplayMathAcrossABlankLineWithABareFormulaBetween) {
  const Parsed p("$$\nW = (A - F)/S + 1\n\n= (5-3+0)/2 + 1\n\n= 2\n$$\n");
  const auto& tokens = p.doc().inline_tokens;
  ASSERT_EQ(tokens.math.size(), 1u);
  EXPECT_TRUE(tokens.math[0].crosses_blank_line);
  EXPECT_EQ(p.end_line(tokens.math[0].range), 7u);
  EXPECT_TRUE(tokens.unclosed_math.empty());
}

TEST(InlineMath, UnclosedDisplayBeforeProseStaysUnclosed) {
  const Parsed p("$$w = w - \\eta g\n\nwhich reduces overfitting.\n\nlater $$a$$ and $x$\n");
  const auto& tokens = p.doc().inline_tokens;
  ASSERT_EQ(tokens.unclosed_math.size(), 1u);
  EXPECT_EQ(tokens.unclosed_math[0].delimiter.begin, 0u);
  ASSERT_EQ(tokens.math.size(), 2u);
  EXPECT_EQ(p.str(tokens.math[0].body), "a");
  EXPECT_FALSE(tokens.math[0].crosses_blank_line);
}

TEST(InlineMath, APairOfDisplaysInTheNextParagraphDoesNotCloseAnOpenOne) {
  const Parsed p("$$x\n\nand $$a$$ here\n");
  const auto& tokens = p.doc().inline_tokens;
  ASSERT_EQ(tokens.unclosed_math.size(), 1u);
  EXPECT_EQ(tokens.unclosed_math[0].delimiter.begin, 0u);
  ASSERT_EQ(tokens.math.size(), 1u);
  EXPECT_EQ(p.str(tokens.math[0].body), "a");
}

TEST(InlineMath, BracketDisplayAcrossABlankLine) {
  const Parsed p("\\[ \\frac{a}{b}\n\n= c \\] and $y$\n");
  const auto& tokens = p.doc().inline_tokens;
  ASSERT_EQ(tokens.math.size(), 2u);
  EXPECT_EQ(tokens.math[0].kind, MathKind::display_bracket);
  EXPECT_TRUE(tokens.math[0].crosses_blank_line);
  EXPECT_EQ(p.str(tokens.math[1].body), "y");
  EXPECT_TRUE(tokens.unclosed_math.empty());
}

TEST(InlineMath, UnclosedBracketIsLiteralAndTheRestStillScanned) {
  const Parsed p("array\\[i and $a$\n\nplain prose with $x$\n");
  const auto& tokens = p.doc().inline_tokens;
  ASSERT_EQ(tokens.unclosed_math.size(), 1u);
  EXPECT_EQ(tokens.unclosed_math[0].kind, MathKind::display_bracket);
  EXPECT_EQ(tokens.unclosed_math[0].delimiter.begin, 5u);
  ASSERT_EQ(tokens.math.size(), 2u);
  EXPECT_EQ(p.str(tokens.math[0].body), "a");
  EXPECT_EQ(p.str(tokens.math[1].body), "x");
}

TEST(InlineMath, NothingInsideHtmlCodeOrPre) {
  const Parsed p("Run <code>echo $HOME</code> and $a$.\n\n<pre>\nx = $y\n\n\\[ z\n</pre>\n");
  const auto& tokens = p.doc().inline_tokens;
  ASSERT_EQ(tokens.math.size(), 1u);
  EXPECT_EQ(p.str(tokens.math[0].body), "a");
  EXPECT_TRUE(tokens.unclosed_math.empty());
}

}  // namespace
}  // namespace qadeck
