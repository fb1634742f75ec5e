#include <algorithm>
#include <iomanip>
#include <map>
#include <string>

#include "report/report.h"

namespace qadeck {
namespace {

struct RuleCount {
  std::string rule;
  size_t count = 0;
  bool fixable = false;
};

void write_json_string(std::ostream& out, std::string_view text) {
  out << '"';
  for (const char c : text) {
    if (c == '"' || c == '\\') out << '\\';
    out << c;
  }
  out << '"';
}

class StatisticsWriter final : public ReportWriter {
 public:
  StatisticsWriter(std::ostream& out, bool json) : out_(out), json_(json) {}
  void finish(bool) override;

 private:
  void write_file(const FileReport& r) override {
    for (const Diagnostic& d : *r.diagnostics) {
      RuleCount& c = by_rule_[std::string(d.rule)];
      c.rule = d.rule;
      ++c.count;
      c.fixable = c.fixable || (d.fix && d.fix->applicability == Applicability::safe);
    }
  }

  // Counts across files, whose files have no bytes of their own.
  bool write_again(std::string_view) override { return false; }

  std::ostream& out_;
  bool json_;
  std::map<std::string, RuleCount> by_rule_;
};

void StatisticsWriter::finish(bool) {
  std::vector<RuleCount> rows;
  for (auto& [rule, count] : by_rule_) rows.push_back(std::move(count));
  // Most frequent first; ties in id order (the map's), so the output is the same every run.
  std::stable_sort(rows.begin(), rows.end(),
                   [](const RuleCount& a, const RuleCount& b) { return a.count > b.count; });
  if (json_) {
    out_ << "[";
    for (size_t i = 0; i < rows.size(); ++i) {
      out_ << (i ? ",\n  " : "\n  ") << "{\"rule\": ";
      write_json_string(out_, rows[i].rule);
      out_ << ", \"count\": " << rows[i].count
           << ", \"fixable\": " << (rows[i].fixable ? "true" : "false") << "}";
    }
    out_ << (rows.empty() ? "]\n" : "\n]\n");
    return;
  }
  size_t count_width = 1;
  size_t rule_width = 0;
  for (const RuleCount& r : rows) {
    count_width = std::max(count_width, std::to_string(r.count).size());
    rule_width = std::max(rule_width, r.rule.size());
  }
  for (const RuleCount& r : rows) {
    out_ << std::setw(static_cast<int>(count_width)) << r.count << "  " << r.rule;
    if (r.fixable) out_ << std::string(rule_width - r.rule.size(), ' ') << "  [*]";
    out_ << "\n";
  }
}

}  // namespace

std::unique_ptr<ReportWriter> statistics_writer(std::ostream& out, bool json) {
  return std::make_unique<StatisticsWriter>(out, json);
}

FileFixes available_fixes(const FileReport& r) {
  FileFixes f{r.source->path(), {}};
  for (const Diagnostic& d : *r.diagnostics) {
    if (d.fix && d.fix->applicability == Applicability::safe) ++f.by_rule[std::string(d.rule)];
  }
  return f;
}

void write_fix_list(std::ostream& out, const std::vector<FileFixes>& files, bool applied) {
  int total = 0;
  for (const FileFixes& f : files) {
    for (const auto& [rule, n] : f.by_rule) total += n;
  }
  if (total == 0) {
    out << (applied ? "No fixes applied.\n" : "No fixes available.\n");
    return;
  }
  out << (applied ? "Fixed " : "Fixable with --fix: ") << total
      << (total == 1 ? " finding:\n" : " findings:\n");
  for (const FileFixes& f : files) {
    if (f.by_rule.empty()) continue;
    out << "- " << f.path << ":\n";
    for (const auto& [rule, n] : f.by_rule) out << "    " << n << " × " << rule << "\n";
  }
}

}  // namespace qadeck
