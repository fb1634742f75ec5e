#include "rules/html/tag_matching.h"
#include "rules/registry.h"

namespace qadeck {

std::unique_ptr<Rule> make_html_unexpected_close_rule() {
  return std::make_unique<html::TagProblemRule>(RuleInfo{"html.unexpected-close",
                                                         "a closing tag with nothing open to close",
                                                         Severity::error,
                                                         false,
                                                         {Scope::html}},
                                                html::TagProblem::unexpected_close);
}

}  // namespace qadeck
