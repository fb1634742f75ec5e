#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "report/cell_width.h"
#include "report/report.h"

namespace qadeck {
namespace {

struct Style {
  bool on;
  std::string_view operator()(std::string_view code) const { return on ? code : ""; }
};

constexpr std::string_view bold = "\x1b[1m";
constexpr std::string_view reset = "\x1b[0m";

std::string_view severity_color(Severity s) {
  switch (s) {
    case Severity::error: return "\x1b[31m";
    case Severity::warning: return "\x1b[33m";
    default: return "\x1b[36m";
  }
}

std::string plural(size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

// The source line, and a caret under the diagnostic's first character.
void write_excerpt(std::ostream& out, const SourceFile& source, const Diagnostic& d,
                   const Style& style) {
  const LineIndex& lines = source.lines();
  const size_t line0 = lines.line_of(d.range.begin);
  const std::string_view text = lines.line_text(line0);
  constexpr size_t max_width = 200;
  size_t shown = text.size() > max_width ? max_width : text.size();
  while (shown < text.size() && is_utf8_continuation(static_cast<unsigned char>(text[shown]))) {
    --shown;
  }
  out << "  " << text.substr(0, shown) << (shown < text.size() ? "…" : "") << "\n  ";
  const size_t column = source.lines().position(d.range.begin).column;
  const std::string_view prefix = text.substr(0, d.range.begin - lines.line_start(line0));
  // The caret goes under the cell the character starts in: a wide character before it
  // takes two cells, a combining mark none; a tab is copied, so that it lines up as above.
  size_t col = 1;
  for (size_t i = 0; i < prefix.size() && col < column && col <= max_width; ++col) {
    size_t length = 1;
    const char32_t c = decode_utf8(prefix, i, length);
    if (c == '\t') {
      out << '\t';
    } else {
      out << std::string(static_cast<size_t>(cell_width(c)), ' ');
    }
    i += length;
  }
  out << style(severity_color(d.severity)) << "^" << style(reset) << "\n";
}

class HumanWriter final : public ReportWriter {
 public:
  HumanWriter(std::ostream& out, const HumanOptions& options)
      : out_(out), options_(options), style_{options.color} {}

  void finish(bool failed) override;

 private:
  void write_file(const FileReport& r) override {
    for (const Diagnostic& d : *r.diagnostics) {
      const Position p = r.source->lines().position(d.range.begin);
      out_ << style_(bold) << r.source->path() << ":" << p.line << ":" << p.column << ":"
           << style_(reset) << " " << style_(severity_color(d.severity))
           << severity_name(d.severity) << style_(reset) << ": " << d.message << " [" << d.rule
           << "]" << (d.fix && d.fix->applicability == Applicability::safe ? " (fixable)" : "")
           << "\n";
      if (!options_.quiet) write_excerpt(out_, *r.source, d, style_);
    }
  }

  bool write_again(std::string_view bytes) override {
    out_ << bytes;
    return true;
  }

  std::ostream& out_;
  HumanOptions options_;
  Style style_;
};

void HumanWriter::finish(bool failed) {
  if (options_.quiet) return;
  const Summary& s = summary();
  const size_t findings = s.errors + s.warnings + s.infos;
  if (findings == 0) {
    if (failed) {
      out_ << "Checked " << plural(s.files, "file") << "; the run failed (see the errors above).\n";
    } else {
      out_ << "No problems found in " << plural(s.files, "file") << ".\n";
    }
    return;
  }
  std::vector<std::string> counts;
  if (s.errors) counts.push_back(plural(s.errors, "error"));
  if (s.warnings) counts.push_back(plural(s.warnings, "warning"));
  if (s.infos) counts.push_back(plural(s.infos, "info"));
  out_ << "Found ";
  for (size_t i = 0; i < counts.size(); ++i) {
    out_ << (i == 0 ? "" : i + 1 == counts.size() ? " and " : ", ") << counts[i];
  }
  out_ << " in " << s.files_with_findings << " of " << plural(s.files, "file");
  if (s.fixable) out_ << "; " << s.fixable << " fixable with --fix";
  if (s.unsafe_fixable) {
    out_ << (s.fixable ? ", " : "; ") << s.unsafe_fixable << (s.fixable ? " more" : " fixable")
         << " with --fix --unsafe-fixes";
  }
  out_ << ".\n";
}

}  // namespace

std::unique_ptr<ReportWriter> human_writer(std::ostream& out, const HumanOptions& options) {
  return std::make_unique<HumanWriter>(out, options);
}

}  // namespace qadeck
