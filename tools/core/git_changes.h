// `--changed-since REV`: which files git says changed since a revision.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace qadeck {

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
