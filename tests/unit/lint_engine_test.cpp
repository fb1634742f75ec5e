// The lint engine: rule selection, diagnostic validation, safe fixes and the fix loop, with
// tiny test rules.
#include <gtest/gtest.h>

#include <functional>

#include "core/lint_engine.h"
#include "test_support.h"

namespace qadeck {
namespace {

using testing::Parsed;

// A rule whose check is a lambda.
class LambdaRule final : public Rule {
 public:
  using Check = std::function<void(const Document&, DiagnosticSink&)>;
  LambdaRule(std::string_view id, Check check) : check_(std::move(check)) {
    info_.id = id;
    info_.summary = "a test rule";
    info_.fixable = true;
    info_.scopes = {Scope::prose};
  }
  const RuleInfo& info() const override { return info_; }
  void check(const Document& doc, DiagnosticSink& sink) const override { check_(doc, sink); }

 private:
  RuleInfo info_;
  Check check_;
};

Fix make_fix(std::vector<Edit> edits, Applicability applicability = Applicability::safe) {
  Fix fix;
  fix.title = "test fix";
  fix.edits = std::move(edits);
  fix.applicability = applicability;
  return fix;
}

Diagnostic with_fix(Fix fix) {
  Diagnostic d;
  d.rule = "test.rule";
  d.message = "m";
  d.range = fix.extent();
  d.fix = std::move(fix);
  return d;
}

// Reports every occurrence of `word`, with a safe fix replacing it.
LambdaRule replace_rule(std::string_view id, std::string word, std::string replacement,
                        Applicability applicability = Applicability::safe) {
  return LambdaRule(id, [word, replacement, applicability](const Document& doc, DiagnosticSink& sink) {
    const std::string_view text = doc.text();
    for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + 1)) {
      const ByteRange r{at, at + word.size()};
      sink.report(r, "found " + word, make_fix({{r, replacement}}, applicability));
    }
  });
}

TEST(SelectsRule, ByIdAndCategoryPrefix) {
  EXPECT_TRUE(selects_rule("numbering.gap", "numbering.gap"));
  EXPECT_TRUE(selects_rule("numbering", "numbering.gap"));
  EXPECT_TRUE(selects_rule("numbering.", "numbering.gap"));
  EXPECT_FALSE(selects_rule("numbering.gap", "numbering.order"));
  EXPECT_FALSE(selects_rule("num", "numbering.gap"));
  EXPECT_FALSE(selects_rule("numbering.ga", "numbering.gap"));
  EXPECT_FALSE(selects_rule("numbering.gap.x", "numbering.gap"));
  EXPECT_FALSE(selects_rule("math", "numbering.gap"));
  EXPECT_FALSE(selects_rule("", "numbering.gap"));
  EXPECT_FALSE(selects_rule("gap", "numbering.gap"));
}

TEST(ApplySafeFixes, AppliesNonOverlappingSafeFixes) {
  std::string text = "aaa bbb ccc";
  const std::vector<Diagnostic> diagnostics = {
      with_fix(make_fix({{{8, 11}, "CCC"}})),
      with_fix(make_fix({{{0, 3}, "A"}})),
  };
  EXPECT_EQ(apply_safe_fixes(text, diagnostics), 2);
  EXPECT_EQ(text, "A bbb CCC");
}

TEST(ApplySafeFixes, SkipsUnsafeFixes) {
  std::string text = "aaa bbb";
  const std::vector<Diagnostic> diagnostics = {
      with_fix(make_fix({{{0, 3}, "X"}}, Applicability::unsafe)),
      with_fix(make_fix({{{4, 7}, "Y"}})),
  };
  EXPECT_EQ(apply_safe_fixes(text, diagnostics), 1);
  EXPECT_EQ(text, "aaa Y");
}

TEST(ApplySafeFixes, SkipsFixesOverlappingAnEarlierOne) {
  std::string text = "0123456789";
  const std::vector<Diagnostic> diagnostics = {
      with_fix(make_fix({{{2, 5}, "a"}})),
      with_fix(make_fix({{{4, 6}, "b"}})),  // overlaps the first
      with_fix(make_fix({{{6, 7}, "c"}})),  // touches the second's end, not the first
  };
  EXPECT_EQ(apply_safe_fixes(text, diagnostics), 2);
  EXPECT_EQ(text, "01a5c789");
}

TEST(ApplySafeFixes, AFixSpanningOthersBlocksThemAsAWhole) {
  // A renumbering fix edits several places; a fix between its edits overlaps its extent.
  std::string text = "1 2 3 4";
  const std::vector<Diagnostic> diagnostics = {
      with_fix(make_fix({{{0, 1}, "x"}, {{6, 7}, "y"}})),
      with_fix(make_fix({{{2, 3}, "z"}})),
  };
  EXPECT_EQ(apply_safe_fixes(text, diagnostics), 1);
  EXPECT_EQ(text, "x 2 3 y");
}

TEST(ApplySafeFixes, InsertionsAndDeletions) {
  std::string text = "abc";
  const std::vector<Diagnostic> diagnostics = {
      with_fix(make_fix({{{0, 0}, ">"}})),
      with_fix(make_fix({{{1, 2}, ""}})),
  };
  EXPECT_EQ(apply_safe_fixes(text, diagnostics), 2);
  EXPECT_EQ(text, ">ac");
}

TEST(ApplySafeFixes, NothingToApply) {
  std::string text = "abc";
  Diagnostic no_fix;
  no_fix.message = "m";
  EXPECT_EQ(apply_safe_fixes(text, {no_fix}), 0);
  EXPECT_EQ(apply_safe_fixes(text, {}), 0);
  EXPECT_EQ(text, "abc");
}

TEST(Linter, FillsRuleIdAndSeverityAndSorts) {
  const LambdaRule b = replace_rule("test.b", "x", "y");
  const LambdaRule a = replace_rule("test.a", "x", "z");
  const Linter linter({{&b, Severity::error}, {&a, Severity::info}});
  const Parsed p("x and x\n");
  const auto diagnostics = linter.lint(p.doc());
  ASSERT_EQ(diagnostics.size(), 4u);
  EXPECT_EQ(diagnostics[0].rule, "test.a");
  EXPECT_EQ(diagnostics[0].severity, Severity::info);
  EXPECT_EQ(diagnostics[0].range.begin, 0u);
  EXPECT_EQ(diagnostics[1].rule, "test.b");
  EXPECT_EQ(diagnostics[1].severity, Severity::error);
  EXPECT_EQ(diagnostics[1].range.begin, 0u);
  EXPECT_EQ(diagnostics[2].rule, "test.a");
  EXPECT_EQ(diagnostics[2].range.begin, 6u);
  EXPECT_EQ(diagnostics[3].rule, "test.b");
}

void expect_internal_error(const LambdaRule::Check& check, const std::string& text) {
  const LambdaRule rule("test.broken", check);
  const Linter linter({{&rule, Severity::warning}});
  const Parsed p(text);
  try {
    linter.lint(p.doc());
    ADD_FAILURE() << "no InternalError";
  } catch (const InternalError& e) {
    EXPECT_NE(std::string(e.what()).find("test.broken"), std::string::npos) << e.what();
  }
}

TEST(Linter, SpanPastTheEndIsAnInternalError) {
  expect_internal_error([](const Document& doc, DiagnosticSink& sink) {
    sink.report({0, doc.text().size() + 1}, "too far");
  }, "abc\n");
}

TEST(Linter, ReversedSpanIsAnInternalError) {
  expect_internal_error([](const Document&, DiagnosticSink& sink) { sink.report({3, 1}, "backwards"); },
                        "abcdef\n");
}

TEST(Linter, SpanInsideACharacterIsAnInternalError) {
  // "中" is three bytes: offset 1 is inside it.
  expect_internal_error([](const Document&, DiagnosticSink& sink) { sink.report({1, 3}, "inside"); },
                        "\xE4\xB8\xAD\n");
}

TEST(Linter, EmptyMessageIsAnInternalError) {
  expect_internal_error([](const Document&, DiagnosticSink& sink) { sink.report({0, 1}, ""); }, "abc\n");
}

TEST(Linter, FixEditOutsideTheFileIsAnInternalError) {
  expect_internal_error([](const Document&, DiagnosticSink& sink) {
    sink.report({0, 1}, "m", make_fix({{{2, 99}, "x"}}));
  }, "abc\n");
}

TEST(Linter, OverlappingFixEditsAreAnInternalError) {
  expect_internal_error([](const Document&, DiagnosticSink& sink) {
    sink.report({0, 1}, "m", make_fix({{{0, 2}, "x"}, {{1, 3}, "y"}}));
  }, "abcdef\n");
}

TEST(Linter, UnsortedFixEditsAreAnInternalError) {
  expect_internal_error([](const Document&, DiagnosticSink& sink) {
    sink.report({0, 1}, "m", make_fix({{{4, 5}, "x"}, {{0, 1}, "y"}}));
  }, "abcdef\n");
}

TEST(Linter, FixWithoutEditsIsAnInternalError) {
  expect_internal_error([](const Document&, DiagnosticSink& sink) {
    sink.report({0, 1}, "m", make_fix({}));
  }, "abc\n");
}

TEST(Linter, EmptySpanAtTheEndIsValid) {
  const LambdaRule rule("test.end", [](const Document& doc, DiagnosticSink& sink) {
    sink.report({doc.text().size(), doc.text().size()}, "at the end");
  });
  const Linter linter({{&rule, Severity::warning}});
  const Parsed p("abc\n");
  EXPECT_EQ(linter.lint(p.doc()).size(), 1u);
}

TEST(LinterFix, ConvergesOverSeveralPasses) {
  // Each pass may only fix the first "aa" (the fixes overlap), so "aaaa" needs passes.
  const LambdaRule rule("test.halve", [](const Document& doc, DiagnosticSink& sink) {
    const std::string_view text = doc.text();
    for (size_t at = text.find("aa"); at != std::string_view::npos; at = text.find("aa", at + 1)) {
      sink.report({at, at + 2}, "double a", make_fix({{{at, at + 2}, "a"}}));
    }
  });
  const Linter linter({{&rule, Severity::warning}});
  const Linter::FixResult result = linter.fix("t.md", "aaaaaaaa b\n", {});
  EXPECT_EQ(result.text, "a b\n");
  EXPECT_EQ(result.applied, 7);
  // Fixing again changes nothing.
  const Linter::FixResult again = linter.fix("t.md", result.text, {});
  EXPECT_EQ(again.text, result.text);
  EXPECT_EQ(again.applied, 0);
}

TEST(LinterFix, LeavesUnsafeFixesAlone) {
  const LambdaRule rule = replace_rule("test.unsafe", "x", "y", Applicability::unsafe);
  const Linter linter({{&rule, Severity::warning}});
  const Linter::FixResult result = linter.fix("t.md", "x x\n", {});
  EXPECT_EQ(result.text, "x x\n");
  EXPECT_EQ(result.applied, 0);
}

TEST(LinterFix, StopsAfterTheMaximumNumberOfPasses) {
  // A rule that never stops asking for a change must not loop forever.
  const LambdaRule rule("test.grow", [](const Document& doc, DiagnosticSink& sink) {
    sink.report({0, 0}, "grow", make_fix({{{doc.text().size(), doc.text().size()}, "+"}}));
  });
  const Linter linter({{&rule, Severity::warning}});
  const Linter::FixResult result = linter.fix("t.md", "a", {});
  EXPECT_EQ(result.applied, Linter::max_fix_passes);
  EXPECT_EQ(result.text, "a" + std::string(Linter::max_fix_passes, '+'));
}

TEST(LinterFix, SeveralRulesInOnePass) {
  const LambdaRule x = replace_rule("test.x", "x", "X");
  const LambdaRule y = replace_rule("test.y", "y", "Y");
  const Linter linter({{&x, Severity::warning}, {&y, Severity::warning}});
  const Linter::FixResult result = linter.fix("t.md", "x y x y\n", {});
  EXPECT_EQ(result.text, "X Y X Y\n");
  EXPECT_EQ(result.applied, 4);
}

// Reports every "y": a rule whose findings another rule's fix can multiply.
LambdaRule count_rule(std::string_view id, char letter) {
  return LambdaRule(id, [letter](const Document& doc, DiagnosticSink& sink) {
    const std::string_view text = doc.text();
    for (size_t at = text.find(letter); at != std::string_view::npos;
         at = text.find(letter, at + 1)) {
      sink.report({at, at + 1}, "found a letter");
    }
  });
}

TEST(LinterFix, RefusesAFixThatMakesAnotherRuleFindMore) {
  // Replacing "x" by "yy" removes one finding of test.x and adds two of test.y.
  const LambdaRule x = replace_rule("test.x", "x", "yy");
  const LambdaRule y = count_rule("test.y", 'y');
  const Linter linter({{&x, Severity::warning}, {&y, Severity::warning}});
  const Linter::FixResult result = linter.fix("t.md", "a x b\n", {});
  EXPECT_EQ(result.text, "a x b\n");
  EXPECT_EQ(result.applied, 0);
  EXPECT_EQ(result.refused, 1);
  // The refused fix stays on its diagnostic, for a person to judge.
  ASSERT_EQ(result.diagnostics.size(), 1u);
  EXPECT_TRUE(result.diagnostics[0].fix.has_value());
}

TEST(LinterFix, KeepsTheHarmlessFixesOfARefusedPass) {
  // "x" -> "yy" makes test.y find more; "z" -> "w" harms nothing.
  const LambdaRule x = replace_rule("test.x", "x", "yy");
  const LambdaRule y = count_rule("test.y", 'y');
  const LambdaRule z = replace_rule("test.z", "z", "w");
  const Linter linter({{&x, Severity::warning}, {&y, Severity::warning}, {&z, Severity::warning}});
  const Linter::FixResult result = linter.fix("t.md", "z x z\n", {});
  EXPECT_EQ(result.text, "w x w\n");
  EXPECT_EQ(result.applied, 2);
  EXPECT_EQ(result.refused, 1);
}

TEST(LinterFix, AFixMayMoveFindingsBetweenPlacesOfOneRule) {
  // One finding of a rule for another of the same rule is no worse: the count decides.
  const LambdaRule x = replace_rule("test.x", "xx", "x");
  const Linter linter({{&x, Severity::warning}});
  const Linter::FixResult result = linter.fix("t.md", "xxxx\n", {});
  EXPECT_EQ(result.text, "x\n");
  EXPECT_EQ(result.refused, 0);
}

TEST(LinterFix, UnsafeFixesAtTheUnsafeLevel) {
  const LambdaRule rule = replace_rule("test.unsafe", "x", "y", Applicability::unsafe);
  const Linter linter({{&rule, Severity::warning}});
  const Linter::FixResult result = linter.fix("t.md", "x x\n", {}, Applicability::unsafe);
  EXPECT_EQ(result.text, "y y\n");
  EXPECT_EQ(result.applied, 2);
}

TEST(FixExtent, FromFirstToLastEdit) {
  const Fix fix = make_fix({{{2, 3}, "a"}, {{7, 9}, "b"}});
  EXPECT_EQ(fix.extent(), (ByteRange{2, 9}));
  EXPECT_EQ(Fix{}.extent(), (ByteRange{}));
}

TEST(Severity, NamesRoundTrip) {
  for (Severity s : {Severity::off, Severity::info, Severity::warning, Severity::error}) {
    EXPECT_EQ(parse_severity(severity_name(s)), s);
  }
  EXPECT_FALSE(parse_severity("fatal").has_value());
}

}  // namespace
}  // namespace qadeck
