#include "rules/numbering/sequence.h"
#include "rules/registry.h"

namespace qadeck {

std::unique_ptr<Rule> make_numbering_duplicate_rule() {
  return std::make_unique<numbering::ProblemRule>(
      RuleInfo{"numbering.duplicate",
               "a question or section number repeats the previous one",
               Severity::error,
               true,
               {Scope::structure}},
      numbering::Problem::duplicate);
}

}  // namespace qadeck
