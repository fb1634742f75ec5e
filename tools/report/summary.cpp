#include "report/report.h"

namespace qadeck {

void Summary::add(const FileReport& file) {
  ++files;
  bool found = false;
  for (const Diagnostic& d : *file.diagnostics) {
    found = found || d.severity != Severity::off;
    if (d.fix) ++(d.fix->applicability == Applicability::safe ? fixable : unsafe_fixable);
    switch (d.severity) {
      case Severity::error: ++errors; break;
      case Severity::warning: ++warnings; break;
      case Severity::info: ++infos; break;
      case Severity::off: break;
    }
  }
  if (found) ++files_with_findings;
}

void write_report(ReportWriter& writer, const std::vector<FileReport>& reports) {
  for (const FileReport& r : reports) writer.add(r);
  writer.finish(false);
}

Summary summarize(const std::vector<FileReport>& reports) {
  Summary s;
  for (const FileReport& r : reports) s.add(r);
  return s;
}

}  // namespace qadeck
