#include "core/git_changes.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace qadeck {
namespace fs = std::filesystem;
namespace {

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// git's "fatal: …" line and the `git config …` line it suggests after it, as one line; nothing
// when git said nothing fatal, or only that there is no repository here.
std::optional<std::string> refusal(const std::string& errors) {
  std::optional<std::string> fatal;
  std::string suggestion;
  size_t start = 0;
  while (start < errors.size()) {
    size_t end = errors.find('\n', start);
    if (end == std::string::npos) end = errors.size();
    std::string line = errors.substr(start, end - start);
    start = end + 1;
    const size_t first = line.find_first_not_of(" \t");
    line = first == std::string::npos ? "" : line.substr(first);
    if (!fatal && line.starts_with("fatal: ")) {
      fatal = line.substr(7);
    } else if (fatal && suggestion.empty() && line.starts_with("git config ")) {
      suggestion = line;
    }
  }
  if (!fatal || fatal->starts_with("not a git repository")) return std::nullopt;
  return "git refused: " + *fatal + (suggestion.empty() ? "" : " (run: " + suggestion + ")");
}

}  // namespace

GitOutput run_git(const std::string& folder, const std::vector<std::string>& args) {
  GitOutput result;
  // git's standard error goes to a scratch file, read only when git fails.
  std::error_code ec;
  std::string errors_path = (fs::temp_directory_path(ec) / "qadeck-git-XXXXXX").string();
  const int errors_fd = mkstemp(errors_path.data());
  if (errors_fd < 0) return result;
  close(errors_fd);
  std::string command = "git -C " + shell_quote(folder);
  for (const std::string& a : args) command += " " + shell_quote(a);
  command += " 2>" + shell_quote(errors_path);
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[65536];
    size_t n = 0;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
    const int status = pclose(pipe);
    result.ok = status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!result.ok) {
      std::ifstream in(errors_path, std::ios::binary);
      result.refused = refusal(std::string(std::istreambuf_iterator<char>(in), {}));
    }
  }
  unlink(errors_path.c_str());
  return result;
}

std::vector<std::string> split_nul(const std::string& s) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('\0', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) parts.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

namespace {

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

}  // namespace

GitChanges changed_since(const std::string& rev, const std::string& folder) {
  GitChanges result;
  const GitOutput top = run_git(folder, {"rev-parse", "--show-toplevel"});
  if (top.refused) {
    result.error = "--changed-since: " + *top.refused;
    return result;
  }
  if (!top.ok) {
    result.error = "--changed-since needs a git work tree (and git): " + folder + " is not in one";
    return result;
  }
  const std::string root = first_line(top.out);
  // "--end-of-options": a revision that starts with "-" is a revision, not an option.
  const GitOutput commit =
      run_git(root, {"rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}"});
  if (!commit.ok) {
    result.error = "--changed-since: '" + rev + "' is not a commit in this repository" +
                   " (a shallow clone may lack it: fetch more history)";
    return result;
  }
  std::string base = first_line(commit.out);
  const GitOutput merge_base = run_git(root, {"merge-base", base, "HEAD"});
  if (merge_base.ok) base = first_line(merge_base.out);

  const GitOutput diff = run_git(root, {"diff", "--name-only", "-z", "--no-renames", base, "--"});
  if (!diff.ok) {
    result.error = "--changed-since: git diff " + rev + " failed";
    return result;
  }
  const GitOutput untracked = run_git(root, {"ls-files", "-z", "--others", "--exclude-standard"});
  if (!untracked.ok) {
    result.error = "--changed-since: git ls-files failed";
    return result;
  }
  for (const GitOutput* listing : {&diff, &untracked}) {
    for (const std::string& rel : split_nul(listing->out)) {
      result.files.push_back((fs::path(root) / rel).lexically_normal().string());
    }
  }
  std::sort(result.files.begin(), result.files.end());
  result.files.erase(std::unique(result.files.begin(), result.files.end()), result.files.end());
  return result;
}

}  // namespace qadeck
