// Asking git: which files it lists, and (`--changed-since REV`) which changed since a revision.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace qadeck {

// What `git -C folder ARGS…` printed on standard output, and whether it exited 0. Not ok
// when git is missing or `folder` is outside a work tree. `refused` is set when git stopped
// for a reason of its own other than "not a git repository" (a repository owned by another
// user: "detected dubious ownership"): its message, and the command it suggests, made into
// one line, "git refused: … (run: git config --global --add safe.directory …)". Callers must
// report it rather than carry on as if there were no repository.
struct GitOutput {
  bool ok = false;
  std::string out;
  std::optional<std::string> refused;
};
GitOutput run_git(const std::string& folder, const std::vector<std::string>& args);

// The non-empty parts of git's NUL-separated (-z) output.
std::vector<std::string> split_nul(const std::string& s);

struct GitChanges {
  // Absolute, lexically normal paths of every file that differs between the merge base of
  // REV and HEAD and the working tree (staged or not, deleted ones included), and of the
  // untracked files git does not ignore; sorted.
  std::vector<std::string> files;
  std::optional<std::string> error;  // not a git work tree, unknown revision, git missing
};

// Runs git in `folder` (normally "."). When REV and HEAD share no history (a shallow
// clone), the comparison is with REV itself.
GitChanges changed_since(const std::string& rev, const std::string& folder = ".");

}  // namespace qadeck
