// The explicit list of built-in rules. Adding a rule = one factory declaration here, one line
// in registry.cpp (sorted by id), <name>.cpp and <name>.md in its category folder.
#pragma once

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "core/rule.h"

namespace qadeck {

std::unique_ptr<Rule> make_html_misnested_rule();
std::unique_ptr<Rule> make_html_unclosed_rule();
std::unique_ptr<Rule> make_html_unexpected_close_rule();
std::unique_ptr<Rule> make_html_unsafe_rule();
std::unique_ptr<Rule> make_language_mismatch_rule();
std::unique_ptr<Rule> make_language_mixed_rule();
std::unique_ptr<Rule> make_link_anchor_rule();
std::unique_ptr<Rule> make_link_broken_rule();
std::unique_ptr<Rule> make_link_file_rule();
std::unique_ptr<Rule> make_link_unreachable_rule();
std::unique_ptr<Rule> make_math_blank_line_rule();
std::unique_ptr<Rule> make_math_braces_rule();
std::unique_ptr<Rule> make_math_environment_rule();
std::unique_ptr<Rule> make_math_left_right_rule();
std::unique_ptr<Rule> make_math_unbalanced_dollar_rule();
std::unique_ptr<Rule> make_math_unclosed_display_rule();
std::unique_ptr<Rule> make_math_unknown_command_rule();
std::unique_ptr<Rule> make_math_unsafe_command_rule();
std::unique_ptr<Rule> make_numbering_duplicate_rule();
std::unique_ptr<Rule> make_numbering_gap_rule();
std::unique_ptr<Rule> make_numbering_order_rule();
std::unique_ptr<Rule> make_structure_answer_label_rule();
std::unique_ptr<Rule> make_structure_duplicate_question_rule();
std::unique_ptr<Rule> make_structure_duplicate_toc_rule();
std::unique_ptr<Rule> make_structure_empty_answer_rule();
std::unique_ptr<Rule> make_structure_empty_list_item_rule();
std::unique_ptr<Rule> make_structure_encoding_rule();
std::unique_ptr<Rule> make_structure_front_matter_rule();
std::unique_ptr<Rule> make_structure_no_questions_rule();
std::unique_ptr<Rule> make_structure_similar_question_rule();
std::unique_ptr<Rule> make_suppression_unused_rule();

// Every built-in rule, sorted by id.
const std::vector<std::unique_ptr<Rule>>& builtin_rules();

// rules/default.yml, the built-in configuration (and `qadeck init`'s starting point).
std::string_view default_config_text();

// The rule's doc page (rules/<category>/<name>.md), embedded in the binary.
std::optional<std::string_view> rule_doc(std::string_view id);

// Where the rule's doc page is published: rules/<category>/<name>.md in the repository.
std::string rule_doc_url(std::string_view id);

}  // namespace qadeck
