#include <iostream>
#include <nlohmann/json.hpp>

#include "core/lint_engine.h"
#include "core/text.h"
#include "qadeck/commands.h"
#include "qadeck/output.h"
#include "report/cell_width.h"
#include "rules/registry.h"

namespace qadeck::cli {
namespace {

// Terminal cells, not bytes: a padded column lines up whatever script it is written in.
size_t cells(std::string_view text) {
  size_t width = 0;
  for (size_t i = 0, length = 0; i < text.size(); i += length) {
    width += static_cast<size_t>(cell_width(decode_utf8(text, i, length)));
  }
  return width;
}

// Id, severity, "fix" when fixable, summary; the summary is last, so never padded.
void print_table(const std::vector<const RuleInfo*>& rules) {
  size_t id_width = 0;
  size_t severity_width = 0;
  for (const RuleInfo* info : rules) {
    id_width = std::max(id_width, cells(info->id));
    severity_width = std::max(severity_width, cells(severity_name(info->default_severity)));
  }
  for (const RuleInfo* info : rules) {
    const std::string_view severity(severity_name(info->default_severity));
    std::cout << info->id << std::string(id_width + 2 - cells(info->id), ' ') << severity
              << std::string(severity_width + 2 - cells(severity), ' ')
              << (info->fixable ? "fix  " : "     ") << info->summary << "\n";
  }
}

// "unknown rule or category 'x'", with the nearest id or category when there is one.
void print_unknown(std::string_view name) {
  std::vector<std::string> names;
  for (const auto& r : builtin_rules()) {
    const std::string_view id = r->info().id;
    const std::string category(id.substr(0, id.find('.')));
    if (names.empty() || names.back() != category) names.push_back(category);
    names.emplace_back(id);
  }
  std::cerr << "qadeck: unknown rule or category '" << name << "'";
  if (const auto near = closest_match(name, {names.begin(), names.end()})) {
    std::cerr << "; did you mean '" << *near << "'?";
  }
  std::cerr << " (see `qadeck rules`)\n";
}

}  // namespace

int run_rules(const RulesArgs& args) {
  std::vector<const RuleInfo*> rules;
  if (args.id) {
    if (auto doc = rule_doc(*args.id)) {
      std::cout << *doc;
      finish_output();
      return exit_clean;
    }
  }
  for (const auto& r : builtin_rules()) {
    // An id that is no rule may still be a category: its rules are listed.
    if (!args.id || selects_rule(*args.id, r->info().id)) rules.push_back(&r->info());
  }
  if (rules.empty()) {
    print_unknown(*args.id);
    return exit_error;
  }
  if (args.format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const RuleInfo* info : rules) {
      list.push_back({{"id", info->id},
                      {"summary", info->summary},
                      {"severity", severity_name(info->default_severity)},
                      {"fixable", info->fixable}});
    }
    std::cout << list.dump(2) << "\n";
  } else {
    print_table(rules);
  }
  finish_output();
  return exit_clean;
}

}  // namespace qadeck::cli
