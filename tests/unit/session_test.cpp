// The lint session as an editor server calls it: one document whose text comes from memory,
// placed by its path for the configuration and for its relative links.
#include <gtest/gtest.h>

#include "session/session.h"
#include "test_support.h"

namespace qadeck::session {
namespace {

using testing::ScratchDir;

constexpr std::string_view gap = "# T\n\n<b>1. A?</b><br>\nx\n\n<b>3. B?</b><br>\ny\n";

std::vector<std::string> rules_of(const FileOutcome& file) {
  std::vector<std::string> rules;
  for (const Diagnostic& d : file.diagnostics) rules.emplace_back(d.rule);
  return rules;
}

SessionOptions numbering_only() {
  SessionOptions options;
  options.select = {"numbering"};
  options.use_cache = false;
  return options;
}

TEST(Session, LintsATextThatIsNotOnDisk) {
  ScratchDir dir;
  Session session(numbering_only());
  const TextOutcome out = session.lint_text(dir.file("unsaved.md"), std::string(gap), {});
  ASSERT_FALSE(out.fatal);
  ASSERT_FALSE(out.file.error);
  ASSERT_EQ(rules_of(out.file), std::vector<std::string>{"numbering.gap"});
  EXPECT_TRUE(out.file.diagnostics[0].fix);
}

TEST(Session, TheBufferWinsOverTheFileOnDisk) {
  ScratchDir dir;
  const std::string path = dir.write("a.md", "# T\n\n<b>1. A?</b><br>\nx\n");
  Session session(numbering_only());
  EXPECT_EQ(rules_of(session.lint_text(path, std::string(gap), {}).file),
            std::vector<std::string>{"numbering.gap"});
}

TEST(Session, FixingATextReturnsItAndWritesNothing) {
  ScratchDir dir;
  const std::string path = dir.write("a.md", gap);
  Session session(numbering_only());
  TextRequest request;
  request.fix.fix = true;
  const TextOutcome out = session.lint_text(path, std::string(gap), request);
  EXPECT_EQ(out.file.fixes_applied, 1);
  EXPECT_NE(out.file.source->text(), gap);
  EXPECT_EQ(testing::slurp(path), gap);
}

TEST(Session, TheNearestConfigurationGovernsTheText) {
  ScratchDir dir;
  dir.write("quiet/.qadeck.yml", "rules:\n  numbering.gap: off\n");
  Session session(numbering_only());
  EXPECT_TRUE(session.lint_text(dir.file("quiet/a.md"), std::string(gap), {}).file.diagnostics.empty());
  EXPECT_EQ(rules_of(session.lint_text(dir.file("loud/a.md"), std::string(gap), {}).file),
            std::vector<std::string>{"numbering.gap"});
}

TEST(Session, ABadConfigurationIsAnErrorNamingIt) {
  ScratchDir dir;
  const std::string config = dir.write("bad/.qadeck.yml", "rules: [\n");
  Session session(numbering_only());
  const TextOutcome out = session.lint_text(dir.file("bad/a.md"), std::string(gap), {});
  ASSERT_TRUE(out.fatal);
  EXPECT_NE(out.fatal->find(".qadeck.yml"), std::string::npos) << *out.fatal;
}

TEST(Session, AProjectRunLintsEachFileWithItsConfiguration) {
  ScratchDir dir;
  dir.write("quiet/.qadeck.yml", "rules:\n  numbering.gap: off\n");
  dir.write("quiet/a.md", gap);
  dir.write("loud/b.md", gap);
  Session session(numbering_only());
  Plan plan = session.plan({dir.file("loud"), dir.file("quiet")});
  ASSERT_FALSE(plan.fatal);
  ASSERT_EQ(plan.jobs.size(), 2u);
  EXPECT_NE(plan.jobs[0].settings_key, plan.jobs[1].settings_key);
  const ProjectOutcome out = session.lint(plan, {});
  ASSERT_EQ(out.files.size(), 2u);
  EXPECT_EQ(rules_of(out.files[0]), std::vector<std::string>{"numbering.gap"});
  EXPECT_TRUE(out.files[1].diagnostics.empty());
}

}  // namespace
}  // namespace qadeck::session
