// The external link check of a lint run, as the command line runs it: the cache where
// DESIGN.md puts caches, and a progress bar on standard error when it is a terminal.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/config.h"

namespace qadeck::cli {

struct LinkCheckRun {
  bool use_cache = true;
  bool quiet = false;
};

// Checks the URLs; prints an error and returns nothing when the check cannot run.
std::optional<LinkResults> check_links(const std::vector<std::string>& urls,
                                       const LinkSettings& settings, const LinkCheckRun& run);

}  // namespace qadeck::cli
