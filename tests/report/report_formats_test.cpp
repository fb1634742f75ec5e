// The json, sarif and github writers on hand-made diagnostics: exact lines, escaping, columns, and
// the SARIF document's shape. Schema validity of real runs is checked by report_test.py.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "report/report.h"

namespace qadeck {
namespace {

using Json = nlohmann::json;

Diagnostic diagnostic(std::string rule, Severity severity, ByteRange range, std::string message) {
  Diagnostic d;
  d.rule = std::move(rule);
  d.severity = severity;
  d.range = range;
  d.message = std::move(message);
  return d;
}

// One file and its diagnostics, kept together because a FileReport points into both.
struct OneFile {
  OneFile(std::string path, std::string text, std::vector<Diagnostic> found)
      : source(std::move(path), std::move(text)), diagnostics(std::move(found)) {}
  std::vector<FileReport> reports() const { return {{&source, &diagnostics}}; }

  SourceFile source;
  std::vector<Diagnostic> diagnostics;
};

std::string github(const OneFile& file) {
  std::ostringstream out;
  write_report(*github_writer(out), file.reports());
  return out.str();
}

const std::vector<SarifRule>& test_rules() {
  static const std::vector<SarifRule> rules = [] {
    SarifRule gap;
    gap.id = "numbering.gap";
    gap.summary = "A number skips ahead";
    gap.description = "A question number that skips ahead.";
    gap.help = "# numbering.gap\n\nA question number that skips ahead.\n";
    gap.help_uri = "https://github.com/qadeck/qadeck/blob/main/rules/numbering/gap.md";
    gap.default_severity = Severity::error;
    gap.fixable = true;
    SarifRule close;
    close.id = "html.unexpected-close";
    close.summary = "A closing tag with nothing open";
    close.default_severity = Severity::off;
    return std::vector<SarifRule>{gap, close};
  }();
  return rules;
}

Json sarif(const std::vector<FileReport>& reports,
           const std::vector<SarifRule>& rules = test_rules()) {
  std::ostringstream out;
  write_report(*sarif_writer(out, rules), reports);
  return Json::parse(out.str());
}

Json sarif(const OneFile& file) { return sarif(file.reports()); }

const Json& only_result(const Json& log) {
  const Json& results = log.at("runs").at(0).at("results");
  EXPECT_EQ(results.size(), 1u) << log.dump(2);
  return results.at(0);
}

const Json& region(const Json& result) {
  return result.at("locations").at(0).at("physicalLocation").at("region");
}

const Json& artifact(const Json& result) {
  return result.at("locations").at(0).at("physicalLocation").at("artifactLocation");
}

// The JSON writer writes each diagnostic by hand: it must be byte for byte what
// nlohmann::json's dump() of the same object gives, escapes and bytes that are not UTF-8
// included.
TEST(JsonFormat, EachDiagnosticIsWhatTheJsonLibraryWrites) {
  const std::string message = std::string("quote \" slash \\ tab \t nl \n cr \r bs \b ff \f ") +
                              "nul " + std::string(1, '\0') + " \x01 \x1f del \x7f 中文 é";
  for (const std::string& path : {std::string("notes/a b.md"), std::string("bad\xff\xfe name.md")}) {
    OneFile file(path, "line one\n\xe4\xb8\xad x\n",
                 {diagnostic("numbering.gap", Severity::error, {0, 4}, message),
                  diagnostic("structure.duplicate-question", Severity::info, {9, 14}, "m")});
    Fix fix;
    fix.title = "renumber \"2\"";
    fix.applicability = Applicability::unsafe;
    fix.edits = {{{0, 4}, "li\tne"}, {{13, 14}, ""}};
    file.diagnostics[0].fix = fix;
    std::ostringstream out;
    write_report(*json_writer(out), file.reports());

    nlohmann::ordered_json expected;
    expected["version"] = 1;
    expected["diagnostics"] = nlohmann::ordered_json::array();
    const LineIndex& lines = file.source.lines();
    const auto span = [&](nlohmann::ordered_json& j, ByteRange r) {
      j["line"] = lines.position(r.begin).line;
      j["column"] = lines.position(r.begin).column;
      j["end_line"] = lines.position(r.end).line;
      j["end_column"] = lines.position(r.end).column;
    };
    for (const Diagnostic& d : file.diagnostics) {
      nlohmann::ordered_json j;
      j["path"] = path;
      span(j, d.range);
      j["rule"] = d.rule;
      j["severity"] = severity_name(d.severity);
      j["message"] = d.message;
      if (d.fix) {
        j["fix"]["title"] = d.fix->title;
        j["fix"]["applicability"] = "unsafe";
        j["fix"]["edits"] = nlohmann::ordered_json::array();
        for (const Edit& e : d.fix->edits) {
          nlohmann::ordered_json edit;
          span(edit, e.range);
          edit["replacement"] = e.replacement;
          j["fix"]["edits"].push_back(edit);
        }
      }
      expected["diagnostics"].push_back(j);
    }
    const auto dump = [](const nlohmann::ordered_json& j) {
      return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    };
    const std::string want = "{\n  \"version\": 1,\n  \"diagnostics\": [\n    " +
                             dump(expected["diagnostics"][0]) + ",\n    " +
                             dump(expected["diagnostics"][1]) + "\n  ],\n";
    EXPECT_EQ(out.str().substr(0, want.size()), want) << path;
  }
}

TEST(GithubFormat, ExactLinesPerSeverity) {
  const OneFile file("notes.md", "<b>1. A?</b>\n<b>3. B?</b>\nplain\n",
                     {diagnostic("numbering.gap", Severity::error, {16, 17}, "question 3 skips"),
                      diagnostic("math.braces", Severity::warning, {26, 31}, "a warning"),
                      diagnostic("language.mixed", Severity::info, {26, 26}, "an info")});
  EXPECT_EQ(github(file),
            "::error file=notes.md,line=2,col=4,endLine=2,endColumn=5,"
            "title=numbering.gap::question 3 skips\n"
            "::warning file=notes.md,line=3,col=1,endLine=3,endColumn=6,"
            "title=math.braces::a warning\n"
            "::notice file=notes.md,line=3,col=1,endLine=3,endColumn=1,"
            "title=language.mixed::an info\n");
}

TEST(GithubFormat, EscapesPropertiesAndData) {
  const OneFile file(
      "sub/a,b:c%d\r\n.md", "x\n",
      {diagnostic("odd:rule,id%", Severity::error, {0, 1}, "50% done: a, b\r\nnext %0A line\n")});
  EXPECT_EQ(github(file),
            "::error file=sub/a%2Cb%3Ac%25d%0D%0A.md,line=1,col=1,endLine=1,endColumn=2,"
            "title=odd%3Arule%2Cid%25::50%25 done: a, b%0D%0Anext %250A line%0A\n");
}

TEST(GithubFormat, SpanOverLinesHasNoColumns) {
  const OneFile file("notes.md", "ab\ncd\nef\n",
                     {diagnostic("math.unclosed-display", Severity::error, {1, 7}, "unclosed")});
  EXPECT_EQ(github(file),
            "::error file=notes.md,line=1,endLine=3,title=math.unclosed-display::unclosed\n");
}

TEST(GithubFormat, ColumnsCountCodePoints) {
  const std::string text = "中文😀 x\n";
  const size_t x = text.find('x');
  const OneFile file("notes.md", text,
                     {diagnostic("language.mixed", Severity::warning, {x, x + 1}, "mixed")});
  EXPECT_EQ(github(file),
            "::warning file=notes.md,line=1,col=5,endLine=1,endColumn=6,"
            "title=language.mixed::mixed\n");
}

TEST(GithubFormat, NothingForACleanFile) {
  const OneFile file("notes.md", "x\n", {});
  EXPECT_EQ(github(file), "");
}

TEST(SarifFormat, CleanRunHasEmptyResultsAndTheRules) {
  const OneFile file("notes.md", "x\n", {});
  const Json log = sarif(file);
  EXPECT_EQ(log.at("version"), "2.1.0");
  EXPECT_TRUE(log.at("$schema").get<std::string>().ends_with("sarif-schema-2.1.0.json"));
  ASSERT_EQ(log.at("runs").size(), 1u);
  const Json& run = log.at("runs").at(0);
  EXPECT_EQ(run.at("results"), Json::array());
  EXPECT_EQ(run.at("columnKind"), "utf16CodeUnits");
  const Json& driver = run.at("tool").at("driver");
  EXPECT_EQ(driver.at("name"), "qadeck");
  EXPECT_FALSE(driver.at("version").get<std::string>().empty());
  EXPECT_EQ(driver.at("informationUri"), "https://github.com/qadeck/qadeck");
  ASSERT_EQ(driver.at("rules").size(), 2u);
  EXPECT_EQ(sarif({}, {}).at("runs").at(0).at("tool").at("driver").at("rules"), Json::array());
}

TEST(SarifFormat, RuleMetadata) {
  const Json rules = sarif({}).at("runs").at(0).at("tool").at("driver").at("rules");
  EXPECT_EQ(rules.at(0), Json::parse(R"({
    "id": "numbering.gap",
    "name": "NumberingGap",
    "shortDescription": {"text": "A number skips ahead"},
    "fullDescription": {"text": "A question number that skips ahead."},
    "help": {"text": "# numbering.gap\n\nA question number that skips ahead.\n",
             "markdown": "# numbering.gap\n\nA question number that skips ahead.\n"},
    "helpUri": "https://github.com/qadeck/qadeck/blob/main/rules/numbering/gap.md",
    "defaultConfiguration": {"level": "error"},
    "properties": {"tags": ["numbering"], "fixable": true}})"));
  // Empty fields are left out; a rule that is off by default says so.
  EXPECT_EQ(rules.at(1), Json::parse(R"({
    "id": "html.unexpected-close",
    "name": "HtmlUnexpectedClose",
    "shortDescription": {"text": "A closing tag with nothing open"},
    "defaultConfiguration": {"level": "none", "enabled": false},
    "properties": {"tags": ["html"], "fixable": false}})"));
}

TEST(SarifFormat, ResultsPointIntoTheRules) {
  const OneFile file("notes.md", "ab\ncd\n",
                     {diagnostic("numbering.gap", Severity::error, {0, 1}, "e"),
                      diagnostic("html.unexpected-close", Severity::warning, {1, 2}, "w"),
                      diagnostic("not.registered", Severity::info, {3, 4}, "i")});
  const Json results = sarif(file).at("runs").at(0).at("results");
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].at("ruleId"), "numbering.gap");
  EXPECT_EQ(results[0].at("ruleIndex"), 0);
  EXPECT_EQ(results[0].at("level"), "error");
  EXPECT_EQ(results[0].at("message").at("text"), "e");
  EXPECT_EQ(results[1].at("ruleIndex"), 1);
  EXPECT_EQ(results[1].at("level"), "warning");
  EXPECT_FALSE(results[2].contains("ruleIndex"));
  EXPECT_EQ(results[2].at("level"), "note");
  EXPECT_EQ(region(results[2]), Json::parse(R"({"startLine": 2, "startColumn": 1,
                                                "endLine": 2, "endColumn": 2})"));
  EXPECT_FALSE(results[0].contains("fixes"));
}

TEST(SarifFormat, ColumnsCountUtf16CodeUnits) {
  // 😀 is outside the Basic Multilingual Plane: two UTF-16 code units; 中 is one.
  const std::string text = "ab\n😀中 x\n";
  const size_t x = text.find('x');
  const OneFile file("notes.md", text,
                     {diagnostic("numbering.gap", Severity::error, {x, x + 1}, "m")});
  EXPECT_EQ(region(only_result(sarif(file))),
            Json::parse(R"({"startLine": 2, "startColumn": 5, "endLine": 2, "endColumn": 6})"));
}

TEST(SarifFormat, ByteOrderMarkIsNotAColumn) {
  const OneFile file("notes.md",
                     "\xEF\xBB\xBF"
                     "ab\n",
                     {diagnostic("numbering.gap", Severity::error, {4, 5}, "m")});
  EXPECT_EQ(region(only_result(sarif(file))),
            Json::parse(R"({"startLine": 1, "startColumn": 2, "endLine": 1, "endColumn": 3})"));
}

TEST(SarifFormat, RelativePathsAreEscapedUrisAgainstSrcRoot) {
  const OneFile file("./sub dir/中%#?:a.md", "x\n",
                     {diagnostic("numbering.gap", Severity::error, {0, 1}, "m")});
  EXPECT_EQ(artifact(only_result(sarif(file))),
            Json::parse(R"({"uri": "sub%20dir/%E4%B8%AD%25%23%3F%3Aa.md",
                            "uriBaseId": "%SRCROOT%"})"));
}

TEST(SarifFormat, AbsolutePathsAreFileUris) {
  const OneFile file("/srv/notes/my notes.md", "x\n",
                     {diagnostic("numbering.gap", Severity::error, {0, 1}, "m")});
  EXPECT_EQ(artifact(only_result(sarif(file))),
            Json::parse(R"({"uri": "file:///srv/notes/my%20notes.md"})"));
}

TEST(SarifFormat, FixesAreArtifactChanges) {
  const std::string text = "<b>1. A?</b>\n<b>3. B?</b>\n<b>4. C?</b>\n";
  Diagnostic d = diagnostic("numbering.gap", Severity::error, {16, 17}, "gap");
  d.fix = Fix{"Renumber from 2", {{{16, 17}, "2"}, {{29, 30}, "3"}}, Applicability::safe};
  Diagnostic unsafe = diagnostic("numbering.gap", Severity::error, {16, 17}, "unsafe");
  unsafe.fix = Fix{"Delete the line", {{{13, 26}, ""}}, Applicability::unsafe};
  const OneFile file("notes.md", text, {d, unsafe});
  const Json results = sarif(file).at("runs").at(0).at("results");
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].at("fixes"), Json::parse(R"([{
    "description": {"text": "Renumber from 2"},
    "artifactChanges": [{
      "artifactLocation": {"uri": "notes.md", "uriBaseId": "%SRCROOT%"},
      "replacements": [
        {"deletedRegion": {"startLine": 2, "startColumn": 4, "endLine": 2, "endColumn": 5,
                           "byteOffset": 16, "byteLength": 1},
         "insertedContent": {"text": "2"}},
        {"deletedRegion": {"startLine": 3, "startColumn": 4, "endLine": 3, "endColumn": 5,
                           "byteOffset": 29, "byteLength": 1},
         "insertedContent": {"text": "3"}}]}],
    "properties": {"applicability": "safe"}}])"));
  const Json& deletion = results[1].at("fixes").at(0);
  EXPECT_EQ(deletion.at("properties").at("applicability"), "unsafe");
  EXPECT_EQ(deletion.at("artifactChanges").at(0).at("replacements").at(0),
            Json::parse(R"({"deletedRegion": {"startLine": 2, "startColumn": 1, "endLine": 3,
                                              "endColumn": 1, "byteOffset": 13,
                                              "byteLength": 13},
                            "insertedContent": {"text": ""}})"));
}

TEST(SarifFormat, ResultsKeepTheReportOrderAcrossFiles) {
  const OneFile a("a.md", "x\n", {diagnostic("numbering.gap", Severity::error, {0, 1}, "a")});
  const OneFile b("b.md", "y\n", {diagnostic("numbering.gap", Severity::error, {0, 1}, "b")});
  const Json results = sarif({a.reports()[0], b.reports()[0]}).at("runs").at(0).at("results");
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(artifact(results[0]).at("uri"), "a.md");
  EXPECT_EQ(artifact(results[1]).at("uri"), "b.md");
}

}  // namespace
}  // namespace qadeck
