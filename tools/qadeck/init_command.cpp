#include <filesystem>
#include <iostream>

#include "core/atomic_write.h"
#include "qadeck/commands.h"
#include "rules/registry.h"

namespace qadeck::cli {

int run_init(const InitArgs& args) {
  const std::string path = ".qadeck.yml";
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !args.force) {
    std::cerr << "qadeck: " << path << " exists already (use --force to replace it)\n";
    return exit_error;
  }
  if (auto error = write_file_atomically(path, default_config_text())) {
    std::cerr << "qadeck: " << *error << "\n";
    return exit_error;
  }
  std::cout << "Wrote " << path << "\n";
  return exit_clean;
}

}  // namespace qadeck::cli
