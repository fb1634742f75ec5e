#include <algorithm>

#include "core/math_scanner.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

// The text a dollar can pair within: its paragraph, heading or HTML block, or its line in a
// table (cells do not share math).
ByteRange pairing_scope(const Document& doc, size_t offset) {
  const auto& blocks = doc.blocks;
  auto it = std::upper_bound(blocks.begin(), blocks.end(), offset,
                             [](size_t o, const Block& b) { return o < b.range.begin; });
  if (it != blocks.begin()) {
    const Block& b = *std::prev(it);
    if (b.range.contains(offset)) {
      switch (b.kind) {
        case BlockKind::paragraph:
        case BlockKind::heading:
          if (b.content.contains(offset)) return b.content;
          break;
        case BlockKind::html_block:
          return b.range;
        default:
          break;
      }
    }
  }
  const LineIndex& lines = doc.lines();
  const size_t line = lines.line_of(offset);
  return {lines.line_start(line), lines.line_end(line)};
}

// Whether the single dollars of `scope` that MathJax would pair (left to right, spaces
// allowed, `\$`, `$$`, code and dollar signs in prose left out) are odd in number.
bool odd_dollars(const Document& doc, ByteRange scope) {
  const std::string_view text = doc.text();
  size_t count = 0;
  for (size_t i = scope.begin; i < scope.end; ++i) {
    if (text[i] == '\\') {
      ++i;
      continue;
    }
    if (text[i] != '$') continue;
    if ((i + 1 < text.size() && text[i + 1] == '$') || (i > 0 && text[i - 1] == '$')) continue;
    if (doc.in_code(i)) continue;
    if (!doc.in_math(i) && is_prose_dollar(text, i, scope.end)) continue;
    ++count;
  }
  return count % 2 == 1;
}

class UnbalancedDollarRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"math.unbalanced-dollar",
                               "a `$` that opens inline math and never closes",
                               Severity::error,
                               false,
                               {Scope::math}};
    return info;
  }
  // The scanner leaves out what is no opener under pandoc's rules: `\$`, a `$` before a
  // space, a dollar sign in prose ($5, 5$, $/token), anything in code, raw HTML text or other
  // math. What remains is reported when MathJax's lenient pairing leaves a dollar over too:
  // `$ x $`, which MathJax typesets and pandoc does not, is no unclosed math.
  void check(const Document& doc, DiagnosticSink& sink) const override {
    ByteRange last_scope{1, 0};
    bool last_odd = false;
    for (const UnclosedMath& u : doc.inline_tokens.unclosed_math) {
      if (u.kind != MathKind::inline_dollar) continue;
      const ByteRange scope = pairing_scope(doc, u.delimiter.begin);
      if (scope != last_scope) {
        last_scope = scope;
        last_odd = odd_dollars(doc, scope);
      }
      if (!last_odd) continue;
      sink.report(u.delimiter,
                  "`$` opens inline math that is never closed; close it, or write `\\$` for a "
                  "literal dollar");
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_math_unbalanced_dollar_rule() {
  return std::make_unique<UnbalancedDollarRule>();
}

}  // namespace qadeck
