#include "rules/math/tex.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

class BracesRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"math.braces",
                               "unbalanced `{}` inside math (escaped `\\{` `\\}` excluded)",
                               Severity::error,
                               false,
                               {Scope::math}};
    return info;
  }
  void check(const Document& doc, DiagnosticSink& sink) const override {
    using Kind = math::TexToken::Kind;
    for (const std::vector<math::TexToken>& tokens : math::span_tokens(doc)) {
      std::vector<ByteRange> open;
      for (const math::TexToken& t : tokens) {
        if (t.kind == Kind::open_brace) open.push_back(t.range);
        if (t.kind != Kind::close_brace) continue;
        if (open.empty()) {
          sink.report(t.range, "`}` closes no `{` in this math (write `\\}` for a literal brace)");
        } else {
          open.pop_back();
        }
      }
      for (const ByteRange& r : open) {
        sink.report(r, "`{` is never closed in this math (write `\\{` for a literal brace)");
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_math_braces_rule() { return std::make_unique<BracesRule>(); }

}  // namespace qadeck
