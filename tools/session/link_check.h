// The external link check of a lint run: the cache where DESIGN.md puts caches, and the
// progress the front end shows as it goes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/config.h"
#include "links/external_links.h"

namespace qadeck::session {

struct LinkCheckRun {
  bool use_cache = true;
  std::function<void(size_t done, size_t total)> progress;  // unset: none shown
  // Told, once, when the network looks down (no name server answered); may be empty.
  std::function<void(const std::string&)> warn;
};

// Checks the URLs, filling `stats` in; nullopt with `error` set when the check cannot run.
std::optional<LinkResults> check_links(const std::vector<std::string>& urls,
                                       const LinkSettings& settings, const LinkCheckRun& run,
                                       ExternalCheckStats& stats, std::string& error);

}  // namespace qadeck::session
