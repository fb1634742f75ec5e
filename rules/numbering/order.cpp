#include "rules/numbering/sequence.h"
#include "rules/registry.h"

namespace qadeck {

std::unique_ptr<Rule> make_numbering_order_rule() {
  return std::make_unique<numbering::ProblemRule>(
      RuleInfo{"numbering.order",
               "a question or section number goes backwards",
               Severity::error,
               true,
               {Scope::structure}},
      numbering::Problem::order);
}

}  // namespace qadeck
