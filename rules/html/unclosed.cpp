#include "rules/html/tag_matching.h"
#include "rules/registry.h"

namespace qadeck {

std::unique_ptr<Rule> make_html_unclosed_rule() {
  return std::make_unique<html::TagProblemRule>(RuleInfo{"html.unclosed",
                                                         "a non-void tag opened and never closed",
                                                         Severity::error,
                                                         false,
                                                         {Scope::html}},
                                                html::TagProblem::unclosed);
}

}  // namespace qadeck
