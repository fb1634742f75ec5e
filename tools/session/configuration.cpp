#include "session/configuration.h"

#include <filesystem>

#include "core/atomic_write.h"
#include "rules/registry.h"

namespace qadeck::session {

std::optional<SlugStyle> slug_style_for(const Config& config, const std::string& file) {
  namespace fs = std::filesystem;
  if (config.links.slugs) return config.links.slugs;
  std::error_code ec;
  fs::path dir = fs::absolute(fs::path(file), ec).parent_path();
  for (; !ec; dir = dir.parent_path()) {
    if (fs::exists(dir / "_config.yml", ec)) return SlugStyle::github_pages;
    // A site does not reach above its repository.
    if (fs::exists(dir / ".git", ec) || dir == dir.parent_path()) break;
  }
  return std::nullopt;
}

bool is_known_rule(std::string_view pattern) {
  for (const auto& r : builtin_rules()) {
    if (selects_rule(pattern, r->info().id)) return true;
  }
  return false;
}

ConfigLookup::ConfigLookup(std::optional<std::string> explicit_path, ConfigFinder::Warn warn)
    : defaults_(builtin_config()), explicit_path_(std::move(explicit_path)), finder_(std::move(warn)) {}

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
  if (auto found = finder_.find(file)) return load(*found);
  return &defaults_;
}

namespace {

bool matches_any(const std::vector<std::string>& patterns, std::string_view id) {
  for (const std::string& p : patterns) {
    if (selects_rule(p, id)) return true;
  }
  return false;
}

}  // namespace

std::optional<std::vector<std::string>> paths_to_lint(const std::vector<std::string>& given,
                                                      ConfigLookup& configs) {
  if (!given.empty()) return given;
  const Config* config = configs.for_current_folder();
  if (!config) return std::nullopt;
  std::vector<std::string> paths;
  std::error_code ec;
  const std::filesystem::path here = std::filesystem::current_path(ec);
  for (const std::string& p : config->paths) {
    const std::filesystem::path full = std::filesystem::path(config->dir) / p;
    paths.push_back(config->dir.empty() ? p : full.lexically_relative(here).string());
  }
  return paths;
}

const Linter* LinterCache::for_settings(const FileSettings& settings, bool links_off,
                                        SettingsKey& key) {
  std::vector<ConfiguredRule> chosen;
  key.severities.clear();
  for (const auto& r : builtin_rules()) {
    const std::string_view id = r->info().id;
    const bool left_out = (!select_.empty() && !matches_any(select_, id)) ||
                          matches_any(ignore_, id) || (links_off && selects_rule("link", id));
    const Severity severity =
        left_out ? Severity::off : settings.severity(id, r->info().default_severity);
    key.severities.push_back(severity);
    if (severity != Severity::off) chosen.push_back({r.get(), severity});
  }
  auto [it, added] = linters_.try_emplace(key.severities);
  if (added) it->second = std::make_unique<Linter>(std::move(chosen));
  return it->second.get();
}

}  // namespace qadeck::session
