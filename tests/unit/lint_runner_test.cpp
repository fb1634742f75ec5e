// The lint runner: many files at once, in order, fixing in place through atomic writes.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "core/lint_runner.h"
#include "rules/registry.h"
#include "test_support.h"

namespace qadeck {
namespace {

namespace fs = std::filesystem;
using testing::ScratchDir;
using testing::slurp;

std::vector<ConfiguredRule> numbering_rules() {
  std::vector<ConfiguredRule> rules;
  for (const auto& rule : builtin_rules()) {
    if (selects_rule("numbering", rule->info().id)) rules.push_back({rule.get(), Severity::error});
  }
  return rules;
}

const std::string gap = "**1. What?**\n\nA.\n\n**3. Why?**\n\nB.\n\n**4. How?**\n\nC.\n";
const std::string gap_fixed = "**1. What?**\n\nA.\n\n**2. Why?**\n\nB.\n\n**3. How?**\n\nC.\n";

TEST(LintText, ReportsFindingsWithTheirSource) {
  const Linter linter(numbering_rules());
  const FileOutcome outcome = lint_text(linter, "gap.md", gap, {});
  EXPECT_FALSE(outcome.error.has_value());
  ASSERT_TRUE(outcome.source);
  EXPECT_EQ(outcome.source->text(), gap);
  ASSERT_EQ(outcome.diagnostics.size(), 1u);
  EXPECT_EQ(outcome.diagnostics[0].rule, "numbering.gap");
  EXPECT_EQ(outcome.diagnostics[0].severity, Severity::error);
  EXPECT_EQ(outcome.source->lines().position(outcome.diagnostics[0].range.begin).line, 5u);
}

TEST(LintText, FixesInMemory) {
  const Linter linter(numbering_rules());
  LintRunOptions options;
  options.fix = true;
  const FileOutcome outcome = lint_text(linter, "gap.md", gap, options);
  ASSERT_TRUE(outcome.source);
  EXPECT_EQ(outcome.source->text(), gap_fixed);
  EXPECT_EQ(outcome.fixes_applied, 1);
  EXPECT_TRUE(outcome.diagnostics.empty());
}

TEST(LintText, ABinaryFileIsAnErrorNamingTheFile) {
  const Linter linter(numbering_rules());
  const FileOutcome nul = lint_text(linter, "bin.md", std::string("a\0b", 3), {});
  ASSERT_TRUE(nul.error.has_value());
  EXPECT_NE(nul.error->find("bin.md"), std::string::npos);
}

std::vector<ConfiguredRule> numbering_and_encoding_rules() {
  std::vector<ConfiguredRule> rules = numbering_rules();
  for (const auto& rule : builtin_rules()) {
    if (rule->info().id == "structure.encoding") rules.push_back({rule.get(), Severity::error});
  }
  return rules;
}

TEST(LintText, InvalidUtf8IsAFindingAndTheRestIsLinted) {
  const Linter linter(numbering_and_encoding_rules());
  // A Latin-1 é on line 3, two bad bytes on line 7; the gap after them is still found.
  const std::string text = "**1. What?**\n\ncaf\xE9 au lait.\n\n**3. Why?**\n\nB \xC0\xAF.\n";
  const FileOutcome outcome = lint_text(linter, "latin1.md", text, {});
  ASSERT_FALSE(outcome.error.has_value()) << *outcome.error;
  ASSERT_TRUE(outcome.source);
  EXPECT_NE(outcome.source->text().find("caf\xEF\xBF\xBD au"), std::string::npos);
  std::vector<std::string> found;
  for (const Diagnostic& d : outcome.diagnostics) {
    const Position p = outcome.source->lines().position(d.range.begin);
    found.push_back(d.rule + "@" + std::to_string(p.line) + ":" + std::to_string(p.column) + " " +
                    d.message);
  }
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::string>{
                       "numbering.gap@5:3 question 3 skips ahead: expected 2",
                       "structure.encoding@3:4 a byte that is not UTF-8 (shown as U+FFFD)",
                       "structure.encoding@7:3 2 bytes that are not UTF-8 (shown as U+FFFD)"}));
}

TEST(LintText, InvalidUtf8IsNeverFixed) {
  const Linter linter(numbering_and_encoding_rules());
  LintRunOptions options;
  options.fix = true;
  const FileOutcome outcome = lint_text(linter, "latin1.md", "caf\xE9\n\n" + gap, options);
  ASSERT_TRUE(outcome.not_fixed.has_value());
  EXPECT_NE(outcome.not_fixed->find("latin1.md: not fixed"), std::string::npos);
  EXPECT_EQ(outcome.fixes_applied, 0);
  EXPECT_EQ(outcome.diagnostics.size(), 2u);

  const ScratchDir dir;
  const std::string bytes = "caf\xE9\n\n" + gap;
  const std::string path = dir.write("latin1.md", bytes);
  const auto outcomes = lint_files(linter, {path}, options);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_TRUE(outcomes[0].not_fixed.has_value());
  EXPECT_EQ(slurp(path), bytes);
}

TEST(LintFiles, OutcomesInTheOrderOfThePaths) {
  const ScratchDir dir;
  std::vector<std::string> paths;
  for (int i = 0; i < 12; ++i) {
    paths.push_back(dir.write("f" + std::to_string(i) + ".md", i % 2 ? gap : gap_fixed));
  }
  paths.push_back(dir.file("missing.md"));
  const Linter linter(numbering_rules());
  LintRunOptions options;
  options.jobs = 4;
  const std::vector<FileOutcome> outcomes = lint_files(linter, paths, options);
  ASSERT_EQ(outcomes.size(), paths.size());
  for (size_t i = 0; i + 1 < paths.size(); ++i) {
    EXPECT_EQ(outcomes[i].path, paths[i]);
    EXPECT_FALSE(outcomes[i].error.has_value());
    EXPECT_EQ(outcomes[i].diagnostics.size(), i % 2 ? 1u : 0u) << paths[i];
  }
  ASSERT_TRUE(outcomes.back().error.has_value());
  EXPECT_NE(outcomes.back().error->find("missing.md"), std::string::npos);
}

TEST(LintFiles, FixRewritesOnlyChangedFiles) {
  const ScratchDir dir;
  const std::string broken = dir.write("broken.md", gap);
  const std::string clean = dir.write("clean.md", gap_fixed);
  const auto clean_time = fs::last_write_time(clean);
  const Linter linter(numbering_rules());
  LintRunOptions options;
  options.fix = true;
  const std::vector<FileOutcome> outcomes = lint_files(linter, {broken, clean}, options);
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[0].fixes_applied, 1);
  EXPECT_EQ(slurp(broken), gap_fixed);
  EXPECT_EQ(slurp(clean), gap_fixed);
  EXPECT_EQ(fs::last_write_time(clean), clean_time);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir.path())) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"broken.md", "clean.md"}));
}

TEST(LintFiles, NoFiles) {
  const Linter linter(numbering_rules());
  EXPECT_TRUE(lint_files(linter, {}, {}).empty());
}

}  // namespace
}  // namespace qadeck
