// Finds the Markdown files to lint: files named on the command line as they are, folders
// walked for *.md and *.markdown, skipping what git ignores.
#pragma once

#include <string>
#include <vector>

namespace qadeck {

struct WalkResult {
  std::vector<std::string> files;   // sorted, without duplicates
  std::vector<std::string> errors;  // "path: does not exist", ...
};

WalkResult collect_markdown_files(const std::vector<std::string>& paths);

bool is_markdown_path(const std::string& path);

}  // namespace qadeck
