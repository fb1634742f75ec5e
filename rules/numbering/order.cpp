#include "rules/numbering/sequence.h"
#include "rules/registry.h"

namespace qadeck {
namespace {

class OrderRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{"numbering.order", "a question or section number goes backwards", Severity::error, true,
                               {Scope::structure}};
    return info;
  }
  void check(const Document& doc, DiagnosticSink& sink) const override {
    numbering::check(doc, numbering::Problem::order, sink);
  }
};

}  // namespace

std::unique_ptr<Rule> make_numbering_order_rule() { return std::make_unique<OrderRule>(); }

}  // namespace qadeck
