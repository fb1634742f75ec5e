// The rule fixture harness. For every registered rule, each tests/fixtures/rules/<rule-id>/
// <case>.md is linted with only that rule enabled; its expectations are HTML comments:
//
//   text <!-- expect: rule.id -->        a diagnostic on this line
//   <!-- expect@+1: rule.id -->          on the next line (+N: N lines down)
//   <!-- expect@L14: rule.id, other.id --> on line 14
//
// A missing expected diagnostic and an unexpected one both fail; no markers means "no
// diagnostics". Fixtures never go online: when <case>.links exists, its lines
// `URL ok|broken|unreachable [detail]` are what the external link check answered. When <case>.fixed.md exists, it is the byte-exact result of --fix (a copy of
// the case says "--fix leaves this alone"); the fixed text must have nothing safely fixable
// left, and fixing it again must change nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "core/lint_engine.h"
#include "rules/registry.h"
#include "test_support.h"

namespace qadeck {
namespace {

namespace fs = std::filesystem;

const fs::path& rules_dir() {
  static const fs::path dir = fs::path(QADECK_FIXTURES_DIR) / "rules";
  return dir;
}

// ---- expectations

using Expectation = std::pair<size_t, std::string>;  // 1-based line, rule id

struct Expectations {
  std::set<Expectation> expected;
  std::vector<std::string> errors;  // malformed markers
};

Expectations parse_expectations(std::string_view text) {
  static const std::regex marker(R"(<!--\s*expect(?:@(\+\d+|L\d+))?\s*:\s*([^>]*?)\s*-->)");
  static const std::regex id(R"([a-z][a-z0-9-]*\.[a-z][a-z0-9-]*)");
  static const std::regex mention(R"(<!--\s*expect\b)");
  Expectations out;
  const LineIndex lines(text);
  for (size_t l = 0; l < lines.line_count(); ++l) {
    const std::string line(lines.line_text(l));
    size_t markers = 0;
    for (auto it = std::sregex_iterator(line.begin(), line.end(), marker); it != std::sregex_iterator();
         ++it) {
      ++markers;
      const std::smatch& m = *it;
      size_t target = l + 1;
      const std::string where = m[1].str();
      if (!where.empty() && where[0] == '+') target += std::stoul(where.substr(1));
      if (!where.empty() && where[0] == 'L') target = std::stoul(where.substr(1));
      std::stringstream ids(m[2].str());
      bool any = false;
      for (std::string rule; std::getline(ids, rule, ',');) {
        rule = std::string(trim(rule));
        if (!std::regex_match(rule, id)) {
          out.errors.push_back("line " + std::to_string(l + 1) + ": bad rule id '" + rule + "'");
          continue;
        }
        out.expected.insert({target, rule});
        any = true;
      }
      if (!any) out.errors.push_back("line " + std::to_string(l + 1) + ": a marker without rule ids");
    }
    // A comment that looks like a marker but does not parse would silently expect nothing.
    const auto mentions = static_cast<size_t>(
        std::distance(std::sregex_iterator(line.begin(), line.end(), mention), std::sregex_iterator()));
    if (mentions != markers) {
      out.errors.push_back("line " + std::to_string(l + 1) + ": malformed expect marker");
    }
  }
  return out;
}

std::string describe(const std::set<Expectation>& set) {
  std::string out;
  for (const auto& [line, rule] : set) out += "\n  line " + std::to_string(line) + ": " + rule;
  return out;
}

const Rule* find_rule(std::string_view id) {
  for (const auto& rule : builtin_rules()) {
    if (rule->info().id == id) return rule.get();
  }
  return nullptr;
}

// ---- cases

struct FixtureCase {
  std::string rule;
  fs::path path;
  std::string name;  // a test name: letters, digits and '_'
};

// How gtest shows a case when it fails.
void PrintTo(const FixtureCase& c, std::ostream* os) { *os << c.path.string(); }

bool is_fixed_file(const fs::path& p) { return p.filename().string().ends_with(".fixed.md"); }

fs::path fixed_path(const fs::path& p) {
  return p.parent_path() / (p.stem().string() + ".fixed.md");
}

std::string test_name(const std::string& rule, const fs::path& path) {
  std::string name = rule + "__" + path.stem().string();
  for (char& c : name) {
    if (!is_ascii_alpha(c) && !is_ascii_digit(c)) c = '_';
  }
  return name;
}

std::vector<fs::path> case_files(const std::string& rule) {
  std::vector<fs::path> files;
  const fs::path dir = rules_dir() / rule;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const fs::path& p = entry.path();
    if (entry.is_regular_file() && p.extension() == ".md" && !is_fixed_file(p)) files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<FixtureCase> all_cases(bool with_fixed_file) {
  std::vector<FixtureCase> cases;
  for (const auto& rule : builtin_rules()) {
    const std::string id(rule->info().id);
    for (const fs::path& p : case_files(id)) {
      if (!with_fixed_file || fs::exists(fixed_path(p))) cases.push_back({id, p, test_name(id, p)});
    }
  }
  return cases;
}

fs::path links_path(const fs::path& p) { return p.parent_path() / (p.stem().string() + ".links"); }

// The case's external link results, from <case>.links (see the top of this file).
LinkResults external_results(const fs::path& case_path) {
  LinkResults results;
  std::istringstream lines(testing::slurp(links_path(case_path)));
  for (std::string line; std::getline(lines, line);) {
    if (trim(line).empty() || line.starts_with('#')) continue;
    std::istringstream fields(line);
    std::string url, outcome, detail;
    fields >> url >> outcome;
    std::getline(fields, detail);
    LinkCheck check;
    check.outcome = outcome == "broken"        ? LinkOutcome::broken
                    : outcome == "unreachable" ? LinkOutcome::unreachable
                                               : LinkOutcome::ok;
    EXPECT_TRUE(outcome == "ok" || outcome == "broken" || outcome == "unreachable")
        << links_path(case_path).string() << ": bad outcome in: " << line;
    check.detail = std::string(trim(detail));
    results.set(url, check);
  }
  return results;
}

std::vector<Diagnostic> lint_with(const Rule& rule, const std::string& path, const std::string& text) {
  // A rule that is off by default is tested as it runs when enabled.
  const Severity severity = rule.info().default_severity == Severity::off
                                ? Severity::info
                                : rule.info().default_severity;
  const Linter linter({{&rule, severity}});
  // As lint reads a file: bytes that are not UTF-8 as U+FFFD (structure.encoding's fixtures).
  std::vector<ByteRange> replaced;
  std::string repaired = repair_utf8(text, replaced);
  const SourceFile source(path, std::move(repaired), std::move(replaced));
  ExtractOptions options;
  LinkResults links;
  if (fs::exists(links_path(path))) {
    links = external_results(path);
    options.external_links = &links;
  }
  const Document doc = build_document(source, options);
  return linter.lint(doc);
}

// ---- the harness

class RuleFixture : public ::testing::TestWithParam<FixtureCase> {};

TEST_P(RuleFixture, Lint) {
  const FixtureCase& c = GetParam();
  const Rule* rule = find_rule(c.rule);
  ASSERT_NE(rule, nullptr);
  const std::string text = testing::slurp(c.path);
  ASSERT_FALSE(check_no_nul(text).has_value()) << c.path;

  const Expectations parsed = parse_expectations(text);
  for (const std::string& e : parsed.errors) ADD_FAILURE() << c.path.string() << ": " << e;
  std::set<Expectation> expected;
  for (const Expectation& e : parsed.expected) {
    EXPECT_NE(find_rule(e.second), nullptr) << c.path.string() << ": unknown rule " << e.second;
    if (e.second == c.rule) expected.insert(e);  // only the rule under test is enabled
  }

  const std::vector<Diagnostic> diagnostics = lint_with(*rule, c.path.string(), text);
  const LineIndex lines(text);
  std::set<Expectation> actual;
  std::map<Expectation, std::string> messages;
  for (const Diagnostic& d : diagnostics) {
    const Expectation e{lines.line_of(d.range.begin) + 1, d.rule};
    actual.insert(e);
    messages.emplace(e, d.message);
  }

  std::set<Expectation> missing;
  std::set<Expectation> unexpected;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                      std::inserter(missing, missing.end()));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                      std::inserter(unexpected, unexpected.end()));
  std::string unexpected_text;
  for (const Expectation& e : unexpected) {
    unexpected_text += "\n  line " + std::to_string(e.first) + ": " + e.second + " (" + messages[e] + ")";
  }
  EXPECT_TRUE(missing.empty()) << c.path.string() << ": expected diagnostics missing:" << describe(missing);
  EXPECT_TRUE(unexpected.empty()) << c.path.string() << ": unexpected diagnostics:" << unexpected_text;
}

class RuleFixtureFix : public ::testing::TestWithParam<FixtureCase> {};

TEST_P(RuleFixtureFix, Fix) {
  const FixtureCase& c = GetParam();
  const fs::path fixed_file = fixed_path(c.path);
  const Rule* rule = find_rule(c.rule);
  ASSERT_NE(rule, nullptr);
  const Linter linter({{rule, rule->info().default_severity}});

  const std::string text = testing::slurp(c.path);
  const std::string want = testing::slurp(fixed_file);
  const Linter::FixResult fixed = linter.fix(c.path.string(), text, {});
  EXPECT_EQ(fixed.text, want) << c.path.string() << ": --fix does not give "
                              << fixed_file.filename().string();

  for (const Diagnostic& d : lint_with(*rule, fixed_file.string(), want)) {
    EXPECT_FALSE(d.fix && d.fix->applicability == Applicability::safe)
        << fixed_file.string() << ": a safe fix remains: " << d.message;
  }
  const Linter::FixResult again = linter.fix(fixed_file.string(), want, {});
  EXPECT_EQ(again.text, want) << fixed_file.string() << ": fixing again changes it";
  EXPECT_EQ(again.applied, 0);
}

std::string case_name(const ::testing::TestParamInfo<FixtureCase>& param) { return param.param.name; }

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixture, ::testing::ValuesIn(all_cases(false)), case_name);
INSTANTIATE_TEST_SUITE_P(Rules, RuleFixtureFix, ::testing::ValuesIn(all_cases(true)), case_name);

// ---- completeness

TEST(RuleFixtures, EveryRuleHasADocPageAndFiringAndQuietFixtures) {
  ASSERT_FALSE(builtin_rules().empty());
  for (const auto& rule : builtin_rules()) {
    const std::string id(rule->info().id);
    SCOPED_TRACE(id);
    const auto doc = rule_doc(id);
    ASSERT_TRUE(doc.has_value()) << "no doc page for " << id;
    EXPECT_NE(doc->find(id), std::string_view::npos) << "the doc page does not name the rule";
    bool fires = false;
    bool quiet = false;
    for (const fs::path& p : case_files(id)) {
      const Expectations e = parse_expectations(testing::slurp(p));
      if (e.expected.empty()) quiet = true;
      for (const Expectation& x : e.expected) fires = fires || x.second == id;
    }
    EXPECT_TRUE(fires) << id << " has no fixture where it fires";
    EXPECT_TRUE(quiet) << id << " has no fixture without expectations";
  }
}

TEST(RuleFixtures, EveryFixtureFolderNamesARule) {
  ASSERT_TRUE(fs::is_directory(rules_dir()));
  for (const auto& entry : fs::directory_iterator(rules_dir())) {
    const std::string name = entry.path().filename().string();
    EXPECT_TRUE(entry.is_directory()) << name;
    EXPECT_NE(find_rule(name), nullptr) << "fixture folder for an unknown rule: " << name;
  }
}

TEST(RuleFixtures, EveryFixedFileHasItsCase) {
  for (const auto& entry : fs::recursive_directory_iterator(rules_dir())) {
    const fs::path& p = entry.path();
    if (!is_fixed_file(p)) continue;
    const std::string name = p.filename().string();
    const fs::path source = p.parent_path() / (name.substr(0, name.size() - 9) + ".md");
    EXPECT_TRUE(fs::exists(source)) << p << " has no " << source.filename();
  }
}

TEST(RuleFixtures, RuleIdsAreSortedAndUnique) {
  std::vector<std::string> ids;
  for (const auto& rule : builtin_rules()) ids.emplace_back(rule->info().id);
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end()));
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
}

// ---- the harness's own marker parser

TEST(ExpectMarkers, AllForms) {
  const Expectations e = parse_expectations(
      "line one <!-- expect: numbering.gap -->\n"
      "<!-- expect@+1: numbering.order -->\n"
      "line three\n"
      "<!-- expect@L7: math.braces, math.left-right -->\n"
      "<!--expect@+2:numbering.duplicate-->\n");
  EXPECT_TRUE(e.errors.empty());
  EXPECT_EQ(e.expected, (std::set<Expectation>{{1, "numbering.gap"},
                                               {3, "numbering.order"},
                                               {7, "math.braces"},
                                               {7, "math.left-right"},
                                               {7, "numbering.duplicate"}}));
}

TEST(ExpectMarkers, SeveralOnOneLine) {
  const Expectations e =
      parse_expectations("x <!-- expect: a.b --> <!-- expect@+1: c.d -->\ny\n");
  EXPECT_TRUE(e.errors.empty());
  EXPECT_EQ(e.expected, (std::set<Expectation>{{1, "a.b"}, {2, "c.d"}}));
}

TEST(ExpectMarkers, MalformedMarkersAreErrors) {
  EXPECT_FALSE(parse_expectations("<!-- expect: -->\n").errors.empty());
  EXPECT_FALSE(parse_expectations("<!-- expect@-1: a.b -->\n").errors.empty());
  EXPECT_FALSE(parse_expectations("<!-- expect: Not An Id -->\n").errors.empty());
  EXPECT_TRUE(parse_expectations("<!-- a plain comment -->\n").expected.empty());
  EXPECT_TRUE(parse_expectations("<!-- a plain comment -->\n").errors.empty());
}

}  // namespace
}  // namespace qadeck
