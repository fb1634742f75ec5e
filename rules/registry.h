// The explicit list of built-in rules. Adding a rule = one factory declaration here, one line
// in registry.cpp (sorted by id), <name>.cpp and <name>.md in its category folder.
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/rule.h"

namespace qadeck {

std::unique_ptr<Rule> make_numbering_duplicate_rule();
std::unique_ptr<Rule> make_numbering_gap_rule();
std::unique_ptr<Rule> make_numbering_order_rule();

// Every built-in rule, sorted by id.
const std::vector<std::unique_ptr<Rule>>& builtin_rules();

// The rule's doc page (rules/<category>/<name>.md), embedded in the binary.
std::optional<std::string_view> rule_doc(std::string_view id);

}  // namespace qadeck
