#include "report/report.h"

namespace qadeck {

Summary summarize(const std::vector<FileReport>& reports) {
  Summary s;
  s.files = reports.size();
  for (const FileReport& r : reports) {
    for (const Diagnostic& d : *r.diagnostics) {
      switch (d.severity) {
        case Severity::error: ++s.errors; break;
        case Severity::warning: ++s.warnings; break;
        case Severity::info: ++s.infos; break;
        case Severity::off: break;
      }
    }
  }
  return s;
}

}  // namespace qadeck
