// Output formats: tiny siblings over one Diagnostic type.
#pragma once

#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/hash.h"
#include "core/source_file.h"

namespace qadeck {

struct FileReport {
  const SourceFile* source = nullptr;
  const std::vector<Diagnostic>* diagnostics = nullptr;
};

struct Summary {
  void add(const FileReport& file);

  size_t files = 0;
  size_t files_with_findings = 0;
  size_t errors = 0;
  size_t warnings = 0;
  size_t infos = 0;
  size_t fixable = 0;         // findings with a safe fix (what --fix applies)
  size_t unsafe_fixable = 0;  // findings with an unsafe fix (--fix --unsafe-fixes)
};

Summary summarize(const std::vector<FileReport>& reports);

// What a file's part of a report is made of: its path, its text and its diagnostics (for one
// format and its options, equal keys mean equal bytes).
Hash128 report_key(const FileReport& file);

// A report written file by file: each file's findings are added in the order the report
// lists them (by path) as soon as they are final, and need not outlive add(); finish() writes
// what follows the last file's (the summary). So a run holds no more of its findings than the
// files under way.
class ReportWriter {
 public:
  virtual ~ReportWriter() = default;
  void add(const FileReport& file) {
    summary_.add(file);
    write_file(file);
  }
  // The same, with the bytes an earlier add() of the same file (path, text, diagnostics; see
  // report_key()) wrote in a report of the same format and options, less the separator() it
  // began with: they are written again instead of formatting the findings anew, by the
  // formats whose files' parts stand alone (all but the statistics, which format anyway).
  void add_written(const FileReport& file, std::string_view bytes) {
    summary_.add(file);
    if (!write_again(bytes)) write_file(file);
  }
  // What the next file's bytes begin with, if that file has findings: the separator after
  // the findings before it, which the stored bytes of a file leave out.
  virtual std::string_view separator() const { return {}; }
  // `failed`: the run failed besides what it reports (a file or path it could not read), so
  // the human summary never says that there is nothing to report.
  virtual void finish(bool failed) = 0;
  const Summary& summary() const { return summary_; }

 protected:
  virtual void write_file(const FileReport& file) = 0;
  // Writes `bytes` as add_written() takes them; false: this format cannot.
  virtual bool write_again(std::string_view bytes) = 0;

 private:
  Summary summary_;
};

struct HumanOptions {
  bool color = false;
  bool quiet = false;  // diagnostics only: no source excerpt, no summary
};

std::unique_ptr<ReportWriter> human_writer(std::ostream& out, const HumanOptions& options);
std::unique_ptr<ReportWriter> json_writer(std::ostream& out);
// --statistics: one line per rule that found something, with its count and whether --fix
// fixes it (`[*]`), most frequent first; JSON: an array of {rule, count, fixable}.
std::unique_ptr<ReportWriter> statistics_writer(std::ostream& out, bool json);

// A whole report: each file's findings, then the rest.
void write_report(ReportWriter& writer, const std::vector<FileReport>& reports);

// --show-fixes: per file, how many findings of each rule were fixed (`applied`: the fixes a
// --fix run applied, rule id -> count) or, without --fix, have a fix --fix would apply.
struct FileFixes {
  std::string path;
  std::map<std::string, int> by_rule;
};
void write_fix_list(std::ostream& out, const std::vector<FileFixes>& files, bool applied);
// What --fix would fix in a file, as write_fix_list() takes it.
FileFixes available_fixes(const FileReport& report);

// The unified diff (`diff -u`, three lines of context) that turns `before` into `after`,
// with headers naming `path` as a/path and b/path.
void write_unified_diff(std::ostream& out, const std::string& path, std::string_view before,
                        std::string_view after);

// What SARIF says about a rule. A plain copy of the registry's facts, filled in by the command
// line, so that report/ does not depend on rules/.
struct SarifRule {
  std::string id;           // "numbering.gap"; its category ("numbering") becomes a tag
  std::string summary;      // one line: shortDescription
  std::string description;  // a paragraph: fullDescription; empty for none
  std::string help;         // the rule's doc page, Markdown: help; empty for none
  std::string help_uri;     // empty for none
  Severity default_severity = Severity::warning;
  bool fixable = false;
};

// SARIF 2.1.0: one run, `rules` as the driver's rules (a result's ruleIndex points into it).
// Locations are relative URIs against %SRCROOT% (absolute paths become file: URIs), and
// columns count UTF-16 code units, SARIF's default, unlike the other formats' code points.
std::unique_ptr<ReportWriter> sarif_writer(std::ostream& out, const std::vector<SarifRule>& rules);
// GitHub Actions workflow commands, one `::error …::message` line per diagnostic (`::warning`
// for warnings, `::notice` for infos); columns count code points, and are left out of a span
// over several lines, which the runner would reject.
std::unique_ptr<ReportWriter> github_writer(std::ostream& out);

}  // namespace qadeck
