// What `qadeck --version` prints: the version, the commit it was built from, the versions of
// the parsing and rendering libraries, and whether the optional parts can run here.
#pragma once

#include <string>

namespace qadeck::cli {

// Looks for libcurl and pandoc only when called, so no other command pays for it.
std::string version_text();

}  // namespace qadeck::cli
