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

}  // namespace

void write_statistics(std::ostream& out, const std::vector<FileReport>& reports, bool json) {
  std::map<std::string, RuleCount> by_rule;
  for (const FileReport& r : reports) {
    for (const Diagnostic& d : *r.diagnostics) {
      RuleCount& c = by_rule[std::string(d.rule)];
      c.rule = d.rule;
      ++c.count;
      c.fixable = c.fixable || (d.fix && d.fix->applicability == Applicability::safe);
    }
  }
  std::vector<RuleCount> rows;
  for (auto& [rule, count] : by_rule) rows.push_back(std::move(count));
  // Most frequent first; ties in id order (the map's), so the output is the same every run.
  std::stable_sort(rows.begin(), rows.end(),
                   [](const RuleCount& a, const RuleCount& b) { return a.count > b.count; });
  if (json) {
    out << "[";
    for (size_t i = 0; i < rows.size(); ++i) {
      out << (i ? ",\n  " : "\n  ") << "{\"rule\": ";
      write_json_string(out, rows[i].rule);
      out << ", \"count\": " << rows[i].count
          << ", \"fixable\": " << (rows[i].fixable ? "true" : "false") << "}";
    }
    out << (rows.empty() ? "]\n" : "\n]\n");
    return;
  }
  size_t count_width = 1;
  size_t rule_width = 0;
  for (const RuleCount& r : rows) {
    count_width = std::max(count_width, std::to_string(r.count).size());
    rule_width = std::max(rule_width, r.rule.size());
  }
  for (const RuleCount& r : rows) {
    out << std::setw(static_cast<int>(count_width)) << r.count << "  " << r.rule;
    if (r.fixable) out << std::string(rule_width - r.rule.size(), ' ') << "  [*]";
    out << "\n";
  }
}

std::vector<FileFixes> available_fixes(const std::vector<FileReport>& reports) {
  std::vector<FileFixes> files;
  for (const FileReport& r : reports) {
    FileFixes f{r.source->path(), {}};
    for (const Diagnostic& d : *r.diagnostics) {
      if (d.fix && d.fix->applicability == Applicability::safe) ++f.by_rule[std::string(d.rule)];
    }
    if (!f.by_rule.empty()) files.push_back(std::move(f));
  }
  return files;
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
