// The project a document belongs to, and the files that lie inside it. Local images and links
// resolve only inside the project, so that a document cannot pack /etc/passwd, or a file two
// folders above the repository, into a deck that others import.
#pragma once

#include <string>

namespace qadeck {

struct Config;

// The project root of `file`: the folder of its configuration file, else the top level of
// the git work tree it lies in (a folder holding `.git`, found without running git), else
// the file's own folder. Absolute and lexically normal. `config` may be null.
std::string project_root(const Config* config, const std::string& file);

// `file` relative to `root`, with `/` separators, as cards show it.
std::string project_relative(const std::string& root, const std::string& file);

// Whether `path` lies inside `root` (both absolute): lexically, and again with every symlink
// on the way resolved, so that a link inside the project cannot lead out of it. A path that
// does not exist is judged by the part of it that does.
bool inside_project(const std::string& root, const std::string& path);

}  // namespace qadeck
