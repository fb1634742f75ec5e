#include <algorithm>

#include "rules/math/tex.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

constexpr size_t tail_limit = 400;  // bytes of text after an opener that are read

// The text after an opener, up to the first blank line.
std::string_view tail(std::string_view text, size_t from) {
  std::string_view t = text.substr(from, tail_limit);
  size_t line = 0;
  while (line < t.size()) {
    const size_t nl = t.find('\n', line);
    const size_t end = nl == std::string_view::npos ? t.size() : nl;
    if (line > 0 && trim(t.substr(line, end - line)).empty()) return t.substr(0, line);
    if (nl == std::string_view::npos) break;
    line = nl + 1;
  }
  return t;
}

// `array\[i]`, `\[1]`, `\(see below)`: the escaped bracket is closed by a plain one on its
// line before any TeX appears, so it is punctuation, not math.
bool closed_by_plain_bracket(std::string_view after, char open, char close) {
  int depth = 0;
  for (size_t i = 0; i < after.size() && after[i] != '\n'; ++i) {
    const char c = after[i];
    if (c == '\\') {
      if (i + 1 < after.size() && is_ascii_alpha(after[i + 1])) return false;
      ++i;
      continue;
    }
    if (c == open) ++depth;
    if (c == close && depth-- == 0) return true;
  }
  return false;
}

class UnclosedDisplayRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"math.unclosed-display",
                               "`$$`, `\\[` or `\\(` never closed",
                               Severity::error,
                               false,
                               {Scope::math}};
    return info;
  }
  void check(const Document& doc, DiagnosticSink& sink) const override {
    const std::string_view text = doc.text();
    const auto uses_as_math = [&](MathKind kind) {
      const auto& spans = doc.inline_tokens.math;
      return std::any_of(spans.begin(), spans.end(), [&](const MathSpan& m) {
        return m.kind == kind && math::reads_as_tex(m.body.in(text));
      });
    };
    const auto& unclosed = doc.inline_tokens.unclosed_math;
    const bool backslash_openers =
        std::any_of(unclosed.begin(), unclosed.end(), [](const UnclosedMath& u) {
          return u.kind == MathKind::inline_paren || u.kind == MathKind::display_bracket;
        });
    const bool paren_math = backslash_openers && uses_as_math(MathKind::inline_paren);
    const bool bracket_math = backslash_openers && uses_as_math(MathKind::display_bracket);
    for (const UnclosedMath& u : unclosed) {
      switch (u.kind) {
        case MathKind::inline_dollar:
          break;
        case MathKind::display_dollar:
          sink.report(u.delimiter, "`$$` opens display math that is never closed");
          break;
        case MathKind::inline_paren:
          if (reads_as_math(text, u, paren_math)) {
            sink.report(u.delimiter, "`\\(` opens inline math that is never closed (`\\)`)");
          }
          break;
        case MathKind::display_bracket:
          if (reads_as_math(text, u, bracket_math)) {
            sink.report(u.delimiter, "`\\[` opens display math that is never closed (`\\]`)");
          }
          break;
      }
    }
  }

 private:
  // In Markdown `\[` and `\(` are also escaped brackets. One left open counts as math when
  // what follows reads as TeX, or when the document writes closed math with it elsewhere.
  static bool reads_as_math(std::string_view text, const UnclosedMath& u, bool used_as_math) {
    const std::string_view after = tail(text, u.delimiter.end);
    const bool display = u.kind == MathKind::display_bracket;
    if (closed_by_plain_bracket(after, display ? '[' : '(', display ? ']' : ')')) return false;
    return used_as_math || math::reads_as_tex(after);
  }
};

}  // namespace

std::unique_ptr<Rule> make_math_unclosed_display_rule() {
  return std::make_unique<UnclosedDisplayRule>();
}

}  // namespace qadeck
