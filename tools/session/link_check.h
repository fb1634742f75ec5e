// The external link check of a lint run: the cache where DESIGN.md puts caches, and the
// progress the front end shows as it goes.
#pragma once

#include <chrono>
#include <cstdint>
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

// What the link cache alone says of external links, for a lint that must not wait on the
// network (an editor's keystroke). The cache file is read again only when it changed, the
// settings differ, or a minute has passed since (its entries age); otherwise a lint pays no
// more than a stat.
class CachedLinks {
 public:
  // Every URL the cache answers for (see cached_external_results); empty without `use_cache`.
  const LinkResults& results(const LinkSettings& settings, bool use_cache);

 private:
  struct Stamp {
    int64_t mtime_ns = 0;
    int64_t size = -1;
    uint64_t inode = 0;
    bool operator==(const Stamp&) const = default;
  };
  struct Loaded {
    LinkSettings settings;
    Stamp stamp;
    std::chrono::steady_clock::time_point when;
    LinkResults results;
  };
  std::optional<Loaded> loaded_;
};

}  // namespace qadeck::session
