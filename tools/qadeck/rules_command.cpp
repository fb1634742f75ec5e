#include <iostream>
#include <nlohmann/json.hpp>

#include "qadeck/commands.h"
#include "qadeck/output.h"
#include "rules/registry.h"

namespace qadeck::cli {

int run_rules(const RulesArgs& args) {
  const auto& rules = builtin_rules();
  if (args.id) {
    auto doc = rule_doc(*args.id);
    if (!doc) {
      std::cerr << "qadeck: unknown rule '" << *args.id << "' (see `qadeck rules`)\n";
      return exit_error;
    }
    std::cout << *doc;
    finish_output();
    return exit_clean;
  }
  if (args.format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& r : rules) {
      const RuleInfo& info = r->info();
      list.push_back({{"id", info.id},
                      {"summary", info.summary},
                      {"severity", severity_name(info.default_severity)},
                      {"fixable", info.fixable}});
    }
    std::cout << list.dump(2) << "\n";
  } else {
    size_t width = 0;
    for (const auto& r : rules) width = std::max(width, r->info().id.size());
    for (const auto& r : rules) {
      const RuleInfo& info = r->info();
      std::cout << info.id << std::string(width + 2 - info.id.size(), ' ')
                << severity_name(info.default_severity) << (info.fixable ? "  fix  " : "       ")
                << info.summary << "\n";
    }
  }
  finish_output();
  return exit_clean;
}

}  // namespace qadeck::cli
