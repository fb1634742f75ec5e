#include <filesystem>
#include <iostream>

#include "core/atomic_write.h"
#include "core/config.h"
#include "qadeck/commands.h"
#include "rules/registry.h"

namespace qadeck::cli {
namespace {

// The built-in defaults lint `content` (this repository's layout); a starter written into a
// user's folder lints all of it instead, wherever its Markdown lies: a list of detected
// folders would leave out every folder added later.
std::optional<std::string> starter_text() {
  constexpr std::string_view builtin_paths = "paths:\n  - content\n";
  std::string text(default_config_text());
  const size_t at = text.find(builtin_paths);
  if (at == std::string::npos) return std::nullopt;
  return text.replace(at, builtin_paths.size(), "paths:\n  - \".\"\n");
}

}  // namespace

int run_init(const InitArgs& args) {
  // A configuration file of another name here is the one replaced, so that no second one is
  // left beside it to be ignored.
  std::string path(config_file_names.front());
  std::error_code ec;
  for (const std::string_view name : config_file_names) {
    if (!std::filesystem::exists(name, ec)) continue;
    path = name;
    if (!args.force) {
      std::cerr << "qadeck: " << path << " exists already (use --force to replace it)\n";
      return exit_error;
    }
    break;
  }
  const auto text = starter_text();
  if (!text) {
    std::cerr << "qadeck: internal error: rules/default.yml has no `paths: [content]` to replace\n";
    return exit_error;
  }
  if (auto error = write_file_atomically(path, *text)) {
    std::cerr << "qadeck: " << *error << "\n";
    return exit_error;
  }
  std::cout << "Wrote " << path << "\n";
  return exit_clean;
}

}  // namespace qadeck::cli
