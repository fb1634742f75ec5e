#include "report/report.h"

namespace qadeck {

Summary summarize(const std::vector<FileReport>& reports) {
  Summary s;
  s.files = reports.size();
  for (const FileReport& r : reports) {
    bool found = false;
    for (const Diagnostic& d : *r.diagnostics) {
      found = found || d.severity != Severity::off;
      if (d.fix) ++(d.fix->applicability == Applicability::safe ? s.fixable : s.unsafe_fixable);
      switch (d.severity) {
        case Severity::error: ++s.errors; break;
        case Severity::warning: ++s.warnings; break;
        case Severity::info: ++s.infos; break;
        case Severity::off: break;
      }
    }
    if (found) ++s.files_with_findings;
  }
  return s;
}

}  // namespace qadeck
