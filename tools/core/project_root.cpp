#include "core/project_root.h"

#include <filesystem>

#include "core/config.h"

namespace qadeck {
namespace fs = std::filesystem;
namespace {

fs::path absolute_normal(const fs::path& p) {
  std::error_code ec;
  const fs::path abs = fs::absolute(p, ec);
  return (ec ? p : abs).lexically_normal();
}

bool lexically_inside(const fs::path& root, const fs::path& path) {
  const fs::path rel = path.lexically_relative(root);
  return !rel.empty() && *rel.begin() != "..";
}

}  // namespace

std::string project_root(const Config* config, const std::string& file) {
  if (config && !config->path.empty()) return absolute_normal(config->dir).string();
  fs::path folder = absolute_normal(file).parent_path();
  for (fs::path at = folder; !at.empty(); at = at.parent_path()) {
    std::error_code ec;
    if (fs::exists(at / ".git", ec)) return at.string();
    if (at == at.root_path()) break;
  }
  return folder.string();
}

bool inside_project(const std::string& root, const std::string& path) {
  const fs::path normal = absolute_normal(path);
  if (!lexically_inside(root, normal)) return false;
  std::error_code ec;
  const fs::path real_root = fs::weakly_canonical(root, ec);
  if (ec) return false;
  const fs::path real = fs::weakly_canonical(normal, ec);
  return !ec && lexically_inside(real_root, real);
}

std::string project_relative(const std::string& root, const std::string& file) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path relative =
      fs::absolute(fs::path(file), ec).lexically_normal().lexically_relative(fs::path(root));
  return relative.empty() ? fs::path(file).filename().generic_string() : relative.generic_string();
}

}  // namespace qadeck
