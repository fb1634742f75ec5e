#include "rules/registry.h"

namespace qadeck {
namespace {

bool has_blank_line(std::string_view s) {
  size_t line = 0;
  for (;;) {
    const size_t nl = s.find('\n', line);
    if (nl == std::string_view::npos) return false;
    if (line > 0 && trim(s.substr(line, nl - line)).empty()) return true;
    line = nl + 1;
  }
}

class BlankLineRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"math.blank-line",
                               "a blank line inside display math (breaks CommonMark and pandoc)",
                               Severity::warning,
                               false,
                               {Scope::math}};
    return info;
  }
  void check(const Document& doc, DiagnosticSink& sink) const override {
    for (const MathSpan& m : doc.inline_tokens.math) {
      if (!m.crosses_blank_line && !has_blank_line(m.body.in(doc.text()))) continue;
      const ByteRange opener{m.range.begin, m.body.begin};
      sink.report(opener,
                  "blank line inside display math: Markdown ends the paragraph there, so the "
                  "math is split and shown as plain text; remove the blank line");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_math_blank_line_rule() { return std::make_unique<BlankLineRule>(); }

}  // namespace qadeck
