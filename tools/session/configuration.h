// Finds and loads the configuration that governs each file: --config if given, else the
// nearest configuration file above the file (core/config.h), else the built-in defaults.
// Each file is loaded once; an ignored configuration file is warned about once.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/lint_engine.h"
#include "session/settings_key.h"

namespace qadeck::session {

class ConfigLookup {
 public:
  // On a bad --config or bad defaults, error() is set. `warn` is told of each configuration
  // file ignored (may be empty).
  explicit ConfigLookup(std::optional<std::string> explicit_path, ConfigFinder::Warn warn = {});

  // The configuration for `file`, or nullptr with error() set ("path:line:col: message").
  const Config* for_file(const std::string& file);
  // The configuration for the current folder (whose `paths` lint uses by default).
  const Config* for_current_folder() { return for_file(".qadeck"); }
  const std::string& error() const { return error_; }

 private:
  const Config* load(const std::string& path);

  Config defaults_;
  std::optional<std::string> explicit_path_;
  ConfigFinder finder_;
  std::map<std::string, std::unique_ptr<Config>> loaded_;
  std::string error_;
};

// The slug style a file's configuration sets, else github-pages for a file inside a Jekyll
// site (a `_config.yml` in its folder or one above), else unset (the document decides).
std::optional<SlugStyle> slug_style_for(const Config& config, const std::string& file);

// True when `pattern` is a built-in rule id or category.
bool is_known_rule(std::string_view pattern);

// The paths a command works on: those given, else the configuration's `paths` (relative to
// its folder, shown relative to the current one); nullopt when the configuration cannot be
// read (configs.error() says why).
std::optional<std::vector<std::string>> paths_to_lint(const std::vector<std::string>& given,
                                                      ConfigLookup& configs);

// One Linter per distinct set of rules and severities: files that share a configuration
// share it. `select` and `ignore` are rule ids or categories (empty `select`: all rules).
class LinterCache {
 public:
  LinterCache(std::vector<std::string> select, std::vector<std::string> ignore)
      : select_(std::move(select)), ignore_(std::move(ignore)) {}

  // `links_off`: without the link rules (--links off, or links.check: off). Sets the rule
  // part of `key` (its severities).
  const Linter* for_settings(const FileSettings& settings, bool links_off, SettingsKey& key);

 private:
  std::vector<std::string> select_;
  std::vector<std::string> ignore_;
  std::map<std::vector<Severity>, std::unique_ptr<Linter>> linters_;
};

}  // namespace qadeck::session
