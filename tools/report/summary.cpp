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

Hash128 report_key(const FileReport& file) {
  Hasher h;
  const Hash128 text = hash_bytes(file.source->text());
  h.add(file.source->path()).add(text.low).add(text.high).add(file.diagnostics->size());
  for (const Diagnostic& d : *file.diagnostics) {
    h.add(d.rule).add(static_cast<uint64_t>(d.severity)).add(d.range.begin).add(d.range.end);
    h.add(d.message).add(d.fix ? 1 : 0);
    if (!d.fix) continue;
    h.add(d.fix->title).add(static_cast<uint64_t>(d.fix->applicability)).add(d.fix->edits.size());
    for (const Edit& e : d.fix->edits) h.add(e.range.begin).add(e.range.end).add(e.replacement);
  }
  return h.finish();
}

Summary summarize(const std::vector<FileReport>& reports) {
  Summary s;
  for (const FileReport& r : reports) s.add(r);
  return s;
}

}  // namespace qadeck
