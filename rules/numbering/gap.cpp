#include "rules/numbering/sequence.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

class GapRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"numbering.gap", "a question or section number skips ahead", Severity::error, true,
                               {Scope::structure}};
    return info;
  }
  void check(const Document& doc, DiagnosticSink& sink) const override {
    numbering::check(doc, numbering::Problem::gap, sink);
  }
};

}  // namespace

std::unique_ptr<Rule> make_numbering_gap_rule() { return std::make_unique<GapRule>(); }

}  // namespace qadeck
