#include "rules/html/tag_matching.h"
#include "rules/registry.h"

namespace qadeck {

std::unique_ptr<Rule> make_html_misnested_rule() {
  return std::make_unique<html::TagProblemRule>(
      RuleInfo{"html.misnested",
               "tags closed in the wrong order: <b><i></b></i>",
               Severity::error,
               false,
               {Scope::html}},
      html::TagProblem::misnested);
}

}  // namespace qadeck
