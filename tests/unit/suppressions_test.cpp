// Suppression comments: reading the directives, the regions they disable, which suppression a
// diagnostic uses, and the engine dropping suppressed diagnostics and reporting unused ones
// through suppression.unused.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/lint_engine.h"
#include "core/suppressions.h"
#include "rules/registry.h"
#include "test_support.h"

namespace qadeck {
namespace {

using testing::Parsed;

const Rule& rule(std::string_view id) {
  for (const auto& r : builtin_rules()) {
    if (r->info().id == id) return *r;
  }
  throw std::logic_error("no rule " + std::string(id));
}

Linter linter_of(std::initializer_list<std::string_view> ids) {
  std::vector<ConfiguredRule> rules;
  for (const std::string_view id : ids)
    rules.push_back({&rule(id), rule(id).info().default_severity});
  return Linter(std::move(rules));
}

// "line:rule" for each diagnostic, 1-based lines, in the linter's order.
std::vector<std::string> findings(const Linter& linter, const std::string& text) {
  const Parsed p(text);
  std::vector<std::string> out;
  for (const Diagnostic& d : linter.lint(p.doc())) {
    out.push_back(std::to_string(p.line(d.range.begin)) + ":" + d.rule);
  }
  return out;
}

using Strings = std::vector<std::string>;

// Whether Suppressions::apply drops a diagnostic of `id` starting at `offset`.
bool suppress(Suppressions& s, std::string_view id, size_t offset) {
  Diagnostic d;
  d.rule = std::string(id);
  d.range = {offset, offset};
  d.message = "m";
  std::vector<Diagnostic> diagnostics{d};
  s.apply(diagnostics);
  return diagnostics.empty();
}

// ---- reading directives

TEST(FindSuppressions, ReadsTheThreeDirectives) {
  const Parsed p(
      "<!-- qadeck-disable numbering.gap, math. -->\n"
      "\n"
      "Text <!--qadeck-enable--> and <!-- qadeck-disable-next-line   html.unclosed -->\n");
  const Suppressions s = find_suppressions(p.doc());
  ASSERT_EQ(s.directives.size(), 3u);

  const Directive& disable = s.directives[0];
  EXPECT_EQ(disable.kind, DirectiveKind::disable);
  EXPECT_EQ(p.str(disable.comment), "<!-- qadeck-disable numbering.gap, math. -->");
  EXPECT_EQ(p.str(disable.keyword), "qadeck-disable");
  ASSERT_EQ(disable.rules.size(), 2u);
  EXPECT_EQ(disable.rules[0].pattern, "numbering.gap");
  EXPECT_EQ(p.str(disable.rules[0].range), "numbering.gap");
  EXPECT_EQ(disable.rules[1].pattern, "math");  // the trailing '.' of a category is dropped
  EXPECT_EQ(p.str(disable.rules[1].range), "math.");

  const Directive& enable = s.directives[1];
  EXPECT_EQ(enable.kind, DirectiveKind::enable);
  ASSERT_EQ(enable.rules.size(), 1u);
  EXPECT_EQ(enable.rules[0].pattern, "");  // every rule
  EXPECT_EQ(enable.rules[0].range, enable.keyword);

  const Directive& next_line = s.directives[2];
  EXPECT_EQ(next_line.kind, DirectiveKind::disable_next_line);
  ASSERT_EQ(next_line.rules.size(), 1u);
  EXPECT_EQ(p.str(next_line.rules[0].range), "html.unclosed");
}

TEST(FindSuppressions, ACommentOverSeveralLines) {
  const Parsed p("<!--\n  qadeck-disable\n    numbering.gap,\n    math.braces\n-->\n\nText.\n");
  const Suppressions s = find_suppressions(p.doc());
  ASSERT_EQ(s.directives.size(), 1u);
  ASSERT_EQ(s.directives[0].rules.size(), 2u);
  EXPECT_EQ(s.directives[0].rules[1].pattern, "math.braces");
  EXPECT_EQ(p.line(s.directives[0].rules[1].range.begin), 4u);
}

TEST(FindSuppressions, EmptyListEntriesAreSkipped) {
  const Parsed p("<!-- qadeck-disable a.b,, c.d , -->\n");
  const Suppressions s = find_suppressions(p.doc());
  ASSERT_EQ(s.directives.size(), 1u);
  ASSERT_EQ(s.directives[0].rules.size(), 2u);
  EXPECT_EQ(s.directives[0].rules[0].pattern, "a.b");
  EXPECT_EQ(s.directives[0].rules[1].pattern, "c.d");
}

TEST(FindSuppressions, UnknownDirectives) {
  const Parsed p(
      "<!-- qadeck-disable-line numbering.gap --> <!-- qadeck-disable:numbering.gap -->\n");
  const Suppressions s = find_suppressions(p.doc());
  ASSERT_EQ(s.directives.size(), 2u);
  EXPECT_EQ(s.directives[0].kind, DirectiveKind::unknown);
  EXPECT_EQ(p.str(s.directives[0].keyword), "qadeck-disable-line");
  const std::vector<SuppressedRegion> regions = s.regions_for("numbering.gap");
  EXPECT_TRUE(std::none_of(regions.begin(), regions.end(),
                           [](const SuppressedRegion& r) { return r.directive == 0; }));
  // The keyword ends where the word does: the rest is read as a (wrong) rule id.
  EXPECT_EQ(s.directives[1].kind, DirectiveKind::disable);
  EXPECT_EQ(s.directives[1].rules[0].pattern, ":numbering.gap");
}

TEST(FindSuppressions, OtherCommentsAndCodeAreNotRead) {
  const Parsed p(
      "Code: `<!-- qadeck-disable -->`, <!-- a note -->, <!-- qadeck: note -->,\n"
      "<!-- QADECK-DISABLE -->, <!-- see qadeck-disable -->.\n"
      "\n"
      "```markdown\n"
      "<!-- qadeck-disable -->\n"
      "```\n"
      "\n"
      "    <!-- qadeck-enable -->\n");
  EXPECT_TRUE(find_suppressions(p.doc()).directives.empty());
}

// ---- regions

TEST(SuppressedRegions, DisableRunsFromTheCommentToTheEndOfTheFile) {
  const std::string text = "before\n\n<!-- qadeck-disable numbering.gap -->\n\nafter\n";
  const Parsed p(text);
  Suppressions s = find_suppressions(p.doc());
  const std::vector<SuppressedRegion> regions = s.regions_for("numbering.gap");
  ASSERT_EQ(regions.size(), 1u);
  EXPECT_EQ(regions[0].range, (ByteRange{s.directives[0].comment.end, text.size()}));
  EXPECT_TRUE(s.regions_for("numbering.order").empty());
  EXPECT_FALSE(suppress(s, "numbering.gap", 0));
  EXPECT_FALSE(suppress(s, "numbering.gap", s.directives[0].comment.begin));
  EXPECT_FALSE(s.directives[0].rules[0].used);
  EXPECT_FALSE(suppress(s, "numbering.order", text.find("after")));
  EXPECT_TRUE(suppress(s, "numbering.gap", text.find("after")));
  EXPECT_TRUE(s.directives[0].rules[0].used);
  // A diagnostic about the end of the file starts at its size.
  EXPECT_TRUE(suppress(s, "numbering.gap", text.size()));
}

TEST(SuppressedRegions, CategoriesAndEveryRule) {
  const std::string text =
      "<!-- qadeck-disable numbering -->\n\nx\n\n<!-- qadeck-disable -->\n\ny\n";
  const Parsed p(text);
  Suppressions s = find_suppressions(p.doc());
  EXPECT_TRUE(suppress(s, "numbering.gap", text.find('x')));
  EXPECT_FALSE(suppress(s, "math.braces", text.find('x')));
  EXPECT_TRUE(suppress(s, "math.braces", text.find('y')));
}

TEST(SuppressedRegions, EnableEndsTheRegionsItCovers) {
  const std::string text =
      "<!-- qadeck-disable numbering.gap, math.braces -->\n\nx\n\n"
      "<!-- qadeck-enable numbering -->\n\ny\n";
  const Parsed p(text);
  Suppressions s = find_suppressions(p.doc());
  const size_t y = text.find('y');
  EXPECT_TRUE(suppress(s, "numbering.gap", text.find('x')));
  EXPECT_FALSE(suppress(s, "numbering.gap", y));
  EXPECT_TRUE(suppress(s, "math.braces", y));
  EXPECT_TRUE(s.directives[1].rules[0].used);
}

TEST(SuppressedRegions, ANarrowerEnableTurnsOnlyItsRuleBackOn) {
  const std::string text =
      "<!-- qadeck-disable numbering -->\n\n<!-- qadeck-enable numbering.gap -->\n\ny\n\n"
      "<!-- qadeck-enable numbering.gap -->\n\n<!-- qadeck-enable -->\n\nz\n";
  const Parsed p(text);
  Suppressions s = find_suppressions(p.doc());
  const size_t y = text.find('y');
  EXPECT_FALSE(suppress(s, "numbering.gap", y));
  EXPECT_TRUE(suppress(s, "numbering.order", y));
  EXPECT_FALSE(suppress(s, "numbering.order", text.find('z')));
  ASSERT_EQ(s.directives.size(), 4u);
  EXPECT_TRUE(s.directives[1].rules[0].used);
  EXPECT_FALSE(s.directives[2].rules[0].used);  // numbering.gap is already back on
  EXPECT_TRUE(s.directives[3].rules[0].used);   // ends the rest of `numbering`
}

TEST(SuppressedRegions, AnEnableWithNothingToEndIsNotUsed) {
  const Parsed p(
      "<!-- qadeck-enable numbering -->\n\n<!-- qadeck-disable math -->\n\n"
      "<!-- qadeck-enable numbering.gap, math.braces -->\n");
  const Suppressions s = find_suppressions(p.doc());
  EXPECT_FALSE(s.directives[0].rules[0].used);
  EXPECT_FALSE(s.directives[2].rules[0].used);
  EXPECT_TRUE(s.directives[2].rules[1].used);
}

TEST(SuppressedRegions, NextLineCoversTheLineAfterTheComment) {
  const std::string text = "a <!-- qadeck-disable-next-line numbering.gap -->\r\nnext\r\nlater\r\n";
  const Parsed p(text);
  Suppressions s = find_suppressions(p.doc());
  const size_t next = text.find("next\r");
  EXPECT_FALSE(suppress(s, "numbering.gap", 0));
  EXPECT_TRUE(suppress(s, "numbering.gap", next));
  EXPECT_TRUE(suppress(s, "numbering.gap", next + 5));  // its line break
  EXPECT_FALSE(suppress(s, "numbering.gap", text.find("later")));
}

TEST(SuppressedRegions, NextLineOfACommentOverSeveralLines) {
  const std::string text = "<!-- qadeck-disable-next-line\n  numbering.gap -->\nafter\nlater\n";
  const Parsed p(text);
  Suppressions s = find_suppressions(p.doc());
  EXPECT_TRUE(suppress(s, "numbering.gap", text.find("after")));
  EXPECT_FALSE(suppress(s, "numbering.gap", text.find("later")));
}

TEST(SuppressedRegions, NextLineOnTheLastLineCoversNothing) {
  const Parsed p("text <!-- qadeck-disable-next-line -->");
  Suppressions s = find_suppressions(p.doc());
  ASSERT_EQ(s.directives.size(), 1u);
  EXPECT_FALSE(s.directives[0].next_line.has_value());
  EXPECT_TRUE(s.regions_for("numbering.gap").empty());
  EXPECT_FALSE(suppress(s, "numbering.gap", p.text().size()));
}

TEST(SuppressedRegions, TheSuppressionWrittenLastIsUsed) {
  const std::string text =
      "<!-- qadeck-disable numbering -->\n\n<!-- qadeck-disable-next-line numbering.gap -->\n"
      "x\n\ny\n";
  const Parsed p(text);
  Suppressions s = find_suppressions(p.doc());
  EXPECT_TRUE(suppress(s, "numbering.gap", text.find("\nx\n") + 1));
  EXPECT_FALSE(s.directives[0].rules[0].used);
  EXPECT_TRUE(s.directives[1].rules[0].used);
  EXPECT_TRUE(suppress(s, "numbering.gap", text.find('y')));
  EXPECT_TRUE(s.directives[0].rules[0].used);
}

TEST(SuppressedRegions, RegionsOfOneRule) {
  const std::string text =
      "<!-- qadeck-disable numbering -->\n\na\n\n<!-- qadeck-enable numbering.gap -->\n\nb\n\n"
      "<!-- qadeck-disable-next-line numbering.gap, math -->\nc\n";
  const Parsed p(text);
  const Suppressions s = find_suppressions(p.doc());
  const std::vector<SuppressedRegion> gap = s.regions_for("numbering.gap");
  ASSERT_EQ(gap.size(), 2u);
  EXPECT_EQ(gap[0].range, (ByteRange{s.directives[0].comment.end, s.directives[1].comment.begin}));
  EXPECT_EQ(p.str(gap[1].range), "c\n");
  EXPECT_EQ(gap[1].directive, 2u);
  EXPECT_EQ(gap[1].rule, 0u);
  const std::vector<SuppressedRegion> order = s.regions_for("numbering.order");
  ASSERT_EQ(order.size(), 1u);
  EXPECT_EQ(order[0].range.end, text.size());
  const std::vector<SuppressedRegion> braces = s.regions_for("math.braces");
  ASSERT_EQ(braces.size(), 1u);
  EXPECT_EQ(braces[0].rule, 1u);
}

TEST(SuppressedRegions, ApplyKeepsTheOrderOfTheRest) {
  const std::string text = "a\n\n<!-- qadeck-disable numbering.gap -->\n\nb\n";
  const Parsed p(text);
  Suppressions s = find_suppressions(p.doc());
  std::vector<Diagnostic> diagnostics;
  for (const auto& [rule, offset] :
       std::vector<std::pair<std::string, size_t>>{{"numbering.gap", text.rfind('b')},
                                                   {"math.braces", text.rfind('b')},
                                                   {"numbering.gap", 0},
                                                   {"numbering.gap", text.size()},
                                                   {"html.unclosed", 0}}) {
    Diagnostic d;
    d.rule = rule;
    d.range = {offset, offset};
    d.message = rule;
    diagnostics.push_back(d);
  }
  s.apply(diagnostics);
  ASSERT_EQ(diagnostics.size(), 3u);
  EXPECT_EQ(diagnostics[0].rule, "math.braces");
  EXPECT_EQ(diagnostics[1].rule, "numbering.gap");
  EXPECT_EQ(diagnostics[1].range.begin, 0u);
  EXPECT_EQ(diagnostics[2].rule, "html.unclosed");
  EXPECT_TRUE(s.directives[0].rules[0].used);
}

// ---- the engine and suppression.unused

// Two sections, each with a gap; numbering restarts per section.
const std::string gaps =
    "## A\n\n**1. One?**\n\n"
    "<!-- qadeck-disable-next-line numbering.gap -->\n"
    "**3. Three?**\n\n"
    "## B\n\n**1. One?**\n\n**3. Three?**\n";

TEST(LintWithSuppressions, DropsSuppressedDiagnostics) {
  EXPECT_EQ(findings(linter_of({"numbering.gap"}), gaps), (Strings{"12:numbering.gap"}));
  EXPECT_EQ(findings(linter_of({"numbering.gap", "suppression.unused"}), gaps),
            (Strings{"12:numbering.gap"}));
}

TEST(LintWithSuppressions, FixDoesNotApplyTheFixOfASuppressedDiagnostic) {
  const Linter::FixResult fixed = linter_of({"numbering.gap"}).fix("test.md", gaps, {});
  EXPECT_EQ(fixed.applied, 1);
  EXPECT_EQ(fixed.text.substr(0, fixed.text.find("## B")), gaps.substr(0, gaps.find("## B")));
  EXPECT_NE(fixed.text.find("## B\n\n**1. One?**\n\n**2. Three?**\n"), std::string::npos);
  EXPECT_TRUE(fixed.diagnostics.empty());
}

TEST(LintWithSuppressions, ReportsAnUnusedSuppression) {
  const std::string text =
      "**1. One?**\n\nYes.\n\n"
      "<!-- qadeck-disable-next-line numbering.gap, numbering.order -->\n"
      "**3. Three?**\n\nYes.\n\n"
      "<!-- qadeck-disable -->\n\n**4. Four?**\n";
  const Linter linter = linter_of({"numbering.gap", "numbering.order", "suppression.unused"});
  const Parsed p(text);
  const std::vector<Diagnostic> diagnostics = linter.lint(p.doc());
  ASSERT_EQ(diagnostics.size(), 2u);
  EXPECT_EQ(diagnostics[0].rule, "suppression.unused");
  EXPECT_EQ(diagnostics[0].severity, Severity::warning);
  EXPECT_EQ(p.str(diagnostics[0].range), "numbering.order");
  EXPECT_EQ(diagnostics[0].message,
            "unused suppression: no numbering.order diagnostic on the next line");
  EXPECT_EQ(p.str(diagnostics[1].range), "qadeck-disable");
  EXPECT_EQ(diagnostics[1].message, "unused suppression: no diagnostic where it is in force");
}

TEST(LintWithSuppressions, ASuppressionOfARuleNotEnabledIsNotUnused) {
  const std::string text =
      "<!-- qadeck-disable-next-line numbering.gap -->\n**1. One?**\n\n"
      "<!-- qadeck-disable numbering -->\n\n**2. Two?**\n";
  // numbering.order is enabled, so the category could have been used; numbering.gap is not.
  EXPECT_EQ(findings(linter_of({"numbering.order", "suppression.unused"}), text),
            (Strings{"4:suppression.unused"}));
  EXPECT_TRUE(findings(linter_of({"math.braces", "suppression.unused"}), text).empty());
  EXPECT_TRUE(findings(linter_of({"suppression.unused"}), text).empty());
}

TEST(LintWithSuppressions, UnknownIdsAndDirectivesAreReportedWhateverIsEnabled) {
  const std::string text =
      "<!-- qadeck-disable numbering.gpa -->\n\n<!-- qadeck-disable-line -->\n\n"
      "<!-- qadeck-enable math -->\n";
  const Parsed p(text);
  const std::vector<Diagnostic> diagnostics = linter_of({"suppression.unused"}).lint(p.doc());
  ASSERT_EQ(diagnostics.size(), 3u);
  EXPECT_EQ(diagnostics[0].message,
            "unknown rule or category 'numbering.gpa' (see `qadeck rules`)");
  EXPECT_EQ(p.str(diagnostics[0].range), "numbering.gpa");
  EXPECT_EQ(diagnostics[1].message,
            "'qadeck-disable-line' is not a qadeck directive (qadeck-disable, "
            "qadeck-disable-next-line or qadeck-enable)");
  EXPECT_EQ(diagnostics[2].message,
            "'qadeck-enable math' turns nothing back on: math is not disabled here");
}

TEST(LintWithSuppressions, ReportsAboutSuppressionsCannotBeSuppressed) {
  const std::string text =
      "<!-- qadeck-disable -->\n\n<!-- qadeck-disable-next-line suppression -->\n"
      "<!-- qadeck-disable numbering.gpa -->\n";
  const Parsed p(text);
  const std::vector<Diagnostic> diagnostics =
      linter_of({"numbering.gap", "suppression.unused"}).lint(p.doc());
  ASSERT_EQ(diagnostics.size(), 3u);
  EXPECT_EQ(diagnostics[0].message, "unused suppression: no diagnostic where it is in force");
  EXPECT_EQ(diagnostics[1].message,
            "'suppression' cannot be suppressed by a comment; turn it off in the configuration "
            "or with --ignore");
  EXPECT_EQ(p.str(diagnostics[2].range), "numbering.gpa");
}

TEST(LintWithSuppressions, TakesTheConfiguredSeverity) {
  const Linter linter({{&rule("suppression.unused"), Severity::error}});
  const Parsed p("<!-- qadeck-enable -->\n");
  const std::vector<Diagnostic> diagnostics = linter.lint(p.doc());
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].severity, Severity::error);
}

TEST(LintWithSuppressions, TheRuleIsRegisteredAndSelectable) {
  const Rule& r = rule("suppression.unused");
  EXPECT_TRUE(is_suppression_rule(r));
  EXPECT_TRUE(selects_rule("suppression", r.info().id));
  EXPECT_FALSE(is_suppression_rule(rule("numbering.gap")));
  // Its check() finds nothing: only the engine, after the other rules, makes it report.
  const Parsed p("<!-- qadeck-enable -->\n");
  DiagnosticSink sink;
  r.check(p.doc(), sink);
  EXPECT_TRUE(sink.take().empty());
}

}  // namespace
}  // namespace qadeck
