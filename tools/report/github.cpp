#include <string_view>

#include "report/report.h"

namespace qadeck {
namespace {

// The escaping of GitHub's workflow commands: a message escapes '%', CR and LF; a property
// value also ':' and ',', which would end it.
std::string escape(std::string_view text, bool property) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '%':
        escaped += "%25";
        break;
      case '\r':
        escaped += "%0D";
        break;
      case '\n':
        escaped += "%0A";
        break;
      case ':':
        escaped += property ? "%3A" : ":";
        break;
      case ',':
        escaped += property ? "%2C" : ",";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

const char* command(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    default:
      return "notice";
  }
}

class GithubWriter final : public ReportWriter {
 public:
  explicit GithubWriter(std::ostream& out) : out_(out) {}
  void finish(bool) override {}

 private:
  void write_file(const FileReport& r) override {
    const LineIndex& lines = r.source->lines();
    const std::string file = escape(r.source->path(), true);
    for (const Diagnostic& d : *r.diagnostics) {
      const Position b = lines.position(d.range.begin);
      const Position e = lines.position(d.range.end);
      out_ << "::" << command(d.severity) << " file=" << file << ",line=" << b.line;
      // The runner drops columns from an annotation that spans lines, with a warning.
      if (b.line == e.line) out_ << ",col=" << b.column;
      out_ << ",endLine=" << e.line;
      if (b.line == e.line) out_ << ",endColumn=" << e.column;
      out_ << ",title=" << escape(d.rule, true) << "::" << escape(d.message, false) << "\n";
    }
  }

  bool write_again(std::string_view bytes) override {
    out_ << bytes;
    return true;
  }

  std::ostream& out_;
};

}  // namespace

std::unique_ptr<ReportWriter> github_writer(std::ostream& out) {
  return std::make_unique<GithubWriter>(out);
}

}  // namespace qadeck
