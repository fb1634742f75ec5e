// The user's own document (tests/fixtures/documents/deep-learning-qa.md, a byte-exact copy of
// the seed): 25 questions written as <b>N. question</b><br> inside <p align="justify">.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>

#include "core/lint_engine.h"
#include "rules/registry.h"
#include "test_support.h"

namespace qadeck {
namespace {

namespace fs = std::filesystem;
using testing::Parsed;

const fs::path seed_path = fs::path(QADECK_FIXTURES_DIR) / "documents" / "deep-learning-qa.md";

// Parsed once for the whole suite.
class SeedDocument : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    parsed_ = std::make_unique<Parsed>(testing::slurp(seed_path), ExtractOptions{}, seed_path.string());
  }
  static void TearDownTestSuite() { parsed_.reset(); }
  static const Parsed& p() { return *parsed_; }

 private:
  static inline std::unique_ptr<Parsed> parsed_;
};

TEST_F(SeedDocument, IsAByteExactCopyOfTheSeed) {
  const fs::path shared = fs::path(QADECK_SHARED_DIR) / "seed" / "deep-learning-qa.md";
  if (!fs::exists(shared)) GTEST_SKIP() << "the shared seed is not beside the repository";
  EXPECT_EQ(testing::slurp(seed_path), testing::slurp(shared));
}

TEST_F(SeedDocument, FrontMatter) {
  const FrontMatter& fm = p().doc().front_matter;
  ASSERT_TRUE(fm.present);
  EXPECT_FALSE(fm.error.has_value());
  EXPECT_EQ(fm.get("title"), "Q & A");
  EXPECT_EQ(fm.get("layout"), "post");
}

TEST_F(SeedDocument, OneSectionDeepLearning) {
  const auto& sections = p().doc().sections;
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(p().str(sections[0].title), "Deep Learning");
  EXPECT_EQ(p().str(sections[0].number.written), "1");
  EXPECT_EQ(p().line(sections[0].heading.begin), 57u);
}

TEST_F(SeedDocument, TwentyFiveItemsNumberedInOrder) {
  const auto& items = p().doc().items;
  ASSERT_EQ(items.size(), 25u);
  for (size_t i = 0; i < items.size(); ++i) {
    SCOPED_TRACE("item " + std::to_string(i + 1));
    EXPECT_EQ(items[i].number.parts, (std::vector<long>{static_cast<long>(i + 1)}));
    EXPECT_EQ(p().str(items[i].number.written), std::to_string(i + 1));
    EXPECT_EQ(items[i].section, 0);
    EXPECT_EQ(items[i].style, QuestionStyle::html_bold);
    EXPECT_FALSE(items[i].question.empty());
    EXPECT_FALSE(items[i].answer.empty());
    EXPECT_EQ(items[i].sequence, items[0].sequence);
  }
}

TEST_F(SeedDocument, FirstQuestionInsideTheHtmlBlockIsNotLost) {
  const Item& first = p().doc().items.at(0);
  EXPECT_EQ(p().line(first.line.begin), 59u);
  EXPECT_EQ(p().str(first.question), "Why is it necessary to introduce non-linearities in a neural network?");
  EXPECT_EQ(p().line(first.answer.begin), 60u);
  EXPECT_EQ(p().end_line(first.answer), 60u);
  EXPECT_TRUE(p().str(first.answer).starts_with("Solution: otherwise"));
}

TEST_F(SeedDocument, MultiLineAnswers) {
  const auto& items = p().doc().items;
  const Item& second = items.at(1);
  EXPECT_EQ(p().line(second.line.begin), 62u);
  EXPECT_EQ(p().line(second.answer.begin), 63u);
  EXPECT_EQ(p().end_line(second.answer), 64u);
  const Item& eighth = items.at(7);
  EXPECT_EQ(p().line(eighth.answer.begin), 87u);  // the stray Chinese line is in the answer
  EXPECT_EQ(p().end_line(eighth.answer), 88u);
}

TEST_F(SeedDocument, LastAnswerEndsBeforeTheClosingParagraphTag) {
  // The file has 143 lines: item 25's answer runs from line 139 to line 142 (its display math
  // on line 140 included); line 143 is the closing </p>.
  ASSERT_EQ(p().source().lines().line_count(), 143u);
  const Item& last = p().doc().items.at(24);
  EXPECT_EQ(p().line(last.line.begin), 138u);
  EXPECT_EQ(p().str(last.question), "Describe how L2 regularization can be explained as a sort of a weight decay.");
  EXPECT_EQ(p().line(last.answer.begin), 139u);
  EXPECT_EQ(p().end_line(last.answer), 142u);
  EXPECT_TRUE(p().str(last.answer).ends_with("a factor < 1<br><br>"));
}

TEST_F(SeedDocument, MathIsFound) {
  const auto& tokens = p().doc().inline_tokens;
  ASSERT_EQ(tokens.math.size(), 2u);
  EXPECT_EQ(tokens.math[0].kind, MathKind::inline_dollar);
  EXPECT_EQ(p().line(tokens.math[0].range.begin), 139u);
  EXPECT_EQ(tokens.math[1].kind, MathKind::display_dollar);
  EXPECT_EQ(p().line(tokens.math[1].range.begin), 140u);
  EXPECT_TRUE(tokens.unclosed_math.empty());
}

TEST_F(SeedDocument, NumberingRulesReportNothing) {
  for (const auto& rule : builtin_rules()) {
    if (!selects_rule("numbering", rule->info().id)) continue;
    SCOPED_TRACE(std::string(rule->info().id));
    const Linter linter({{rule.get(), Severity::error}});
    EXPECT_TRUE(linter.lint(p().doc()).empty());
  }
}

}  // namespace
}  // namespace qadeck
