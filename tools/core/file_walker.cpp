#include "core/file_walker.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <set>

#include "core/git_changes.h"

namespace qadeck {
namespace fs = std::filesystem;
namespace {

// Walks `dir` for Markdown files: those git tracks or would track (untracked, not ignored),
// or every one when `dir` is not inside a git work tree or git is not installed. When git
// refuses the repository, nothing is walked (that would quietly lint what git ignores) and
// git's reason is returned.
std::optional<std::string> walk_folder(const std::string& dir, std::set<std::string>& out) {
  const GitOutput listed = run_git(dir, {"ls-files", "-z", "--cached", "--others", "--exclude-standard"});
  if (listed.refused) return listed.refused;
  if (listed.ok) {
    for (const std::string& rel : split_nul(listed.out)) {
      const fs::path p = fs::path(dir) / rel;
      std::error_code ec;
      if (is_markdown_path(rel) && fs::is_regular_file(p, ec)) out.insert(p.lexically_normal().string());
    }
    return std::nullopt;
  }
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    if (it->is_directory(ec) && p.filename().string().starts_with(".")) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && is_markdown_path(p.string())) {
      out.insert(p.lexically_normal().string());
    }
  }
  return std::nullopt;
}

}  // namespace

bool is_markdown_path(const std::string& path) {
  return path.ends_with(".md") || path.ends_with(".markdown");
}

WalkResult collect_markdown_files(const std::vector<std::string>& paths) {
  WalkResult result;
  std::set<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      result.errors.push_back(path + ": no such file or folder");
    } else if (fs::is_directory(status)) {
      if (auto refused = walk_folder(path, files)) result.errors.push_back(path + ": " + *refused);
    } else {
      files.insert(fs::path(path).lexically_normal().string());
    }
  }
  result.files.assign(files.begin(), files.end());
  return result;
}

}  // namespace qadeck
