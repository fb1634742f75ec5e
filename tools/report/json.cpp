#include <nlohmann/json.hpp>

#include "report/report.h"

namespace qadeck {
namespace {

void put_span(nlohmann::ordered_json& j, const LineIndex& lines, ByteRange r) {
  const Position b = lines.position(r.begin);
  const Position e = lines.position(r.end);
  j["line"] = b.line;
  j["column"] = b.column;
  j["end_line"] = e.line;
  j["end_column"] = e.column;
}

// Streams the diagnostics one by one: a corpus can have hundreds of thousands, and one
// document tree of them all would cost more memory than the lint itself.
class JsonWriter final : public ReportWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) {
    out_ << "{\n  \"version\": 1,\n  \"diagnostics\": [";
  }

  void finish(bool) override {
    const Summary& s = summary();
    out_ << (first_ ? "],\n" : "\n  ],\n") << "  \"summary\": {\"files\": " << s.files
         << ", \"files_with_findings\": " << s.files_with_findings << ", \"errors\": " << s.errors
         << ", \"warnings\": " << s.warnings << ", \"infos\": " << s.infos
         << ", \"fixable\": " << s.fixable << "}\n}\n";
  }

 private:
  void write_file(const FileReport& r) override {
    const LineIndex& lines = r.source->lines();
    for (const Diagnostic& d : *r.diagnostics) {
      nlohmann::ordered_json j;
      j["path"] = r.source->path();
      put_span(j, lines, d.range);
      j["rule"] = d.rule;
      j["severity"] = severity_name(d.severity);
      j["message"] = d.message;
      if (d.fix) {
        nlohmann::ordered_json fix;
        fix["title"] = d.fix->title;
        fix["applicability"] = d.fix->applicability == Applicability::safe ? "safe" : "unsafe";
        fix["edits"] = nlohmann::ordered_json::array();
        for (const Edit& e : d.fix->edits) {
          nlohmann::ordered_json edit;
          put_span(edit, lines, e.range);
          edit["replacement"] = e.replacement;
          fix["edits"].push_back(edit);
        }
        j["fix"] = fix;
      }
      out_ << (first_ ? "\n    " : ",\n    ")
           << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      first_ = false;
    }
  }

  std::ostream& out_;
  bool first_ = true;
};

}  // namespace

std::unique_ptr<ReportWriter> json_writer(std::ostream& out) {
  return std::make_unique<JsonWriter>(out);
}

}  // namespace qadeck
