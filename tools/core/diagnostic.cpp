#include "core/diagnostic.h"

namespace qadeck {

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::off: return "off";
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

std::optional<Severity> parse_severity(std::string_view name) {
  if (name == "off") return Severity::off;
  if (name == "info") return Severity::info;
  if (name == "warning") return Severity::warning;
  if (name == "error") return Severity::error;
  return std::nullopt;
}

ByteRange Fix::extent() const {
  if (edits.empty()) return {};
  return {edits.front().range.begin, edits.back().range.end};
}

bool diagnostic_order(const Diagnostic& a, const Diagnostic& b) {
  if (a.range.begin != b.range.begin) return a.range.begin < b.range.begin;
  return a.rule < b.rule;
}

}  // namespace qadeck
