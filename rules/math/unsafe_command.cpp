#include "rules/math/tex_safety.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

class UnsafeCommandRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"math.unsafe-command",
                               "math that reads or writes files, runs programs or changes "
                               "catcodes (TeX), or puts HTML or CSS into a card (MathJax)",
                               Severity::error,
                               false,
                               {Scope::math}};
    return info;
  }
  void check(const Document& doc, DiagnosticSink& sink) const override {
    for (const MathSpan& m : doc.inline_tokens.math) {
      for (const math::UnsafeTex& u : math::unsafe_tex(doc.text(), m.body)) {
        sink.report(u.range, u.message);
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_math_unsafe_command_rule() {
  return std::make_unique<UnsafeCommandRule>();
}

}  // namespace qadeck
