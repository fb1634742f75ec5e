#include "core/json_string.h"
#include "core/text.h"
#include "report/report.h"

namespace qadeck {
namespace {

void put_span(std::string& out, const LineIndex& lines, ByteRange r) {
  const Position b = lines.position(r.begin);
  const Position e = lines.position(r.end);
  out += "\"line\":" + std::to_string(b.line) + ",\"column\":" + std::to_string(b.column) +
         ",\"end_line\":" + std::to_string(e.line) + ",\"end_column\":" + std::to_string(e.column);
}

// Streams the diagnostics one by one: a corpus can have hundreds of thousands, and one
// document tree of them all would cost more memory than the lint itself.
class JsonWriter final : public ReportWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) {
    out_ << "{\n  \"version\": 1,\n  \"diagnostics\": [";
  }

  std::string_view separator() const override { return first_ ? "" : ","; }

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
    std::string path;
    append_json_string(path, r.source->path());
    std::string line;
    for (const Diagnostic& d : *r.diagnostics) {
      line = first_ ? "\n    {\"path\":" : ",\n    {\"path\":";
      first_ = false;
      line += path;
      line += ',';
      put_span(line, lines, d.range);
      line += ",\"rule\":";
      append_json_string(line, d.rule);
      line += ",\"severity\":\"";
      line += severity_name(d.severity);
      line += "\",\"message\":";
      append_json_string(line, d.message);
      if (d.fix) {
        line += ",\"fix\":{\"title\":";
        append_json_string(line, d.fix->title);
        line += d.fix->applicability == Applicability::safe ? ",\"applicability\":\"safe\""
                                                            : ",\"applicability\":\"unsafe\"";
        line += ",\"edits\":[";
        for (size_t i = 0; i < d.fix->edits.size(); ++i) {
          const Edit& e = d.fix->edits[i];
          line += i == 0 ? "{" : ",{";
          put_span(line, lines, e.range);
          line += ",\"replacement\":";
          append_json_string(line, e.replacement);
          line += '}';
        }
        line += "]}";
      }
      line += '}';
      out_ << line;
    }
  }

  bool write_again(std::string_view bytes) override {
    if (bytes.empty()) return true;
    out_ << separator() << bytes;
    first_ = false;
    return true;
  }

  std::ostream& out_;
  bool first_ = true;
};

}  // namespace

std::unique_ptr<ReportWriter> json_writer(std::ostream& out) {
  return std::make_unique<JsonWriter>(out);
}

}  // namespace qadeck
