#include "qadeck/configuration.h"

#include "core/atomic_write.h"
#include "rules/registry.h"

namespace qadeck::cli {

bool is_known_rule(std::string_view pattern) {
  for (const auto& r : builtin_rules()) {
    if (selects_rule(pattern, r->info().id)) return true;
  }
  return false;
}

ConfigLookup::ConfigLookup(std::optional<std::string> explicit_path)
    : explicit_path_(std::move(explicit_path)) {
  if (auto e = load_config("rules/default.yml", default_config_text(), is_known_rule, Config{},
                           defaults_)) {
    error_ = "internal error in the built-in configuration: " + *e;
  }
  defaults_.path.clear();
  defaults_.dir.clear();
}

const Config* ConfigLookup::load(const std::string& path) {
  auto it = loaded_.find(path);
  if (it != loaded_.end()) return it->second.get();
  std::string text;
  if (auto e = read_file(path, text)) {
    error_ = *e;
    return nullptr;
  }
  auto config = std::make_unique<Config>();
  if (auto e = load_config(path, text, is_known_rule, defaults_, *config)) {
    error_ = *e;
    return nullptr;
  }
  return loaded_.emplace(path, std::move(config)).first->second.get();
}

const Config* ConfigLookup::for_file(const std::string& file) {
  if (!error_.empty()) return nullptr;
  if (explicit_path_) return load(*explicit_path_);
  if (auto found = find_config(file)) return load(*found);
  return &defaults_;
}

}  // namespace qadeck::cli
