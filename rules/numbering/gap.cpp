#include "rules/numbering/sequence.h"
#include "rules/registry.h"

namespace qadeck {

std::unique_ptr<Rule> make_numbering_gap_rule() {
  return std::make_unique<numbering::ProblemRule>(
      RuleInfo{"numbering.gap",
               "a question or section number skips ahead",
               Severity::error,
               true,
               {Scope::structure}},
      numbering::Problem::gap);
}

}  // namespace qadeck
