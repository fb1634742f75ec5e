#include "rules/registry.h"

#include <algorithm>
#include <string>

#include "core/embedded.h"

namespace qadeck {

std::vector<EmbeddedFile> embedded_rule_docs();
std::vector<EmbeddedFile> embedded_default_config();

namespace {

std::vector<std::unique_ptr<Rule>> register_builtin_rules() {
  std::vector<std::unique_ptr<Rule>> rules;
  rules.push_back(make_html_misnested_rule());
  rules.push_back(make_html_unclosed_rule());
  rules.push_back(make_html_unexpected_close_rule());
  rules.push_back(make_html_unsafe_rule());
  rules.push_back(make_language_mismatch_rule());
  rules.push_back(make_language_mixed_rule());
  rules.push_back(make_link_anchor_rule());
  rules.push_back(make_link_broken_rule());
  rules.push_back(make_link_file_rule());
  rules.push_back(make_link_unreachable_rule());
  rules.push_back(make_math_blank_line_rule());
  rules.push_back(make_math_braces_rule());
  rules.push_back(make_math_environment_rule());
  rules.push_back(make_math_left_right_rule());
  rules.push_back(make_math_unbalanced_dollar_rule());
  rules.push_back(make_math_unclosed_display_rule());
  rules.push_back(make_math_unknown_command_rule());
  rules.push_back(make_math_unsafe_command_rule());
  rules.push_back(make_numbering_duplicate_rule());
  rules.push_back(make_numbering_gap_rule());
  rules.push_back(make_numbering_order_rule());
  rules.push_back(make_structure_answer_label_rule());
  rules.push_back(make_structure_duplicate_question_rule());
  rules.push_back(make_structure_duplicate_toc_rule());
  rules.push_back(make_structure_empty_answer_rule());
  rules.push_back(make_structure_empty_list_item_rule());
  rules.push_back(make_structure_encoding_rule());
  rules.push_back(make_structure_front_matter_rule());
  rules.push_back(make_structure_no_questions_rule());
  rules.push_back(make_structure_similar_question_rule());
  rules.push_back(make_suppression_unused_rule());
  return rules;
}

}  // namespace

const std::vector<std::unique_ptr<Rule>>& builtin_rules() {
  static const std::vector<std::unique_ptr<Rule>> rules = register_builtin_rules();
  return rules;
}

std::string_view default_config_text() { return embedded_default_config().front().bytes; }

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

std::string rule_doc_url(std::string_view id) {
  std::string url = "https://github.com/qadeck/qadeck/blob/main/rules/" + std::string(id) + ".md";
  const size_t dot = url.find('.', url.size() - id.size() - 3);
  if (dot < url.size() - 3) url[dot] = '/';  // not the dot of ".md"
  return url;
}

}  // namespace qadeck
