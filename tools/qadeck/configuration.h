// Finds and loads the configuration that governs each file: --config if given, else the
// nearest .qadeck.yml above the file, else the built-in defaults. Each file is loaded once.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "core/config.h"
#include "core/lint_engine.h"

namespace qadeck::cli {

class ConfigLookup {
 public:
  // On a bad --config or bad defaults, error() is set.
  explicit ConfigLookup(std::optional<std::string> explicit_path);

  // The configuration for `file`, or nullptr with error() set ("path:line:col: message").
  const Config* for_file(const std::string& file);
  // The configuration for the current folder (whose `paths` lint uses by default).
  const Config* for_current_folder() { return for_file(".qadeck"); }
  const std::string& error() const { return error_; }

 private:
  const Config* load(const std::string& path);

  Config defaults_;
  std::optional<std::string> explicit_path_;
  std::map<std::string, std::unique_ptr<Config>> loaded_;
  std::string error_;
};

// True when `pattern` is a built-in rule id or category.
bool is_known_rule(std::string_view pattern);

}  // namespace qadeck::cli
