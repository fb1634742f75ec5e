#include "rules/registry.h"

#include <algorithm>
#include <string>

#include "core/embedded.h"

namespace qadeck {

std::vector<EmbeddedFile> embedded_rule_docs();

namespace {

std::vector<std::unique_ptr<Rule>> register_builtin_rules() {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(make_numbering_duplicate_rule());
  rules.push_back(make_numbering_gap_rule());
  rules.push_back(make_numbering_order_rule());
  return rules;
}

}  // namespace

const std::vector<std::unique_ptr<Rule>>& builtin_rules() {
  static const std::vector<std::unique_ptr<Rule>> rules = register_builtin_rules();
  return rules;
}

std::optional<std::string_view> rule_doc(std::string_view id) {
  static const std::vector<EmbeddedFile> docs = embedded_rule_docs();
  // "numbering.gap" -> "rules/numbering/gap.md"
  std::string path = "rules/" + std::string(id) + ".md";
  std::replace(path.begin() + 6, path.end() - 3, '.', '/');
  for (const EmbeddedFile& f : docs) {
    if (f.path == path) return f.bytes;
  }
  return std::nullopt;
}

}  // namespace qadeck
