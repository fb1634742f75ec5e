// The disk cache of external link checks: one JSON file of results by URL, each with the
// time it was checked; entries older than the age limit are neither used nor kept. A missing,
// unreadable or corrupt file is an empty cache, never an error; the file is replaced
// atomically. Only answers are cached: a failure to check (timeout, refused, TLS, still 429,
// 503, an unknown host) says nothing lasting about the link, so the next run asks again.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "links/http_checker.h"

namespace qadeck {

class LinkCache {
 public:
  LinkCache(std::string path, int64_t max_age_s, int64_t now);

  // Reads the file; returns silently on any problem (the cache then starts empty).
  void load();
  // A result checked within the age limit.
  const FetchResult* find(const std::string& url) const;
  // Calls `f` with each result checked within the age limit, in URL order.
  void for_each(const std::function<void(const std::string& url, const FetchResult&)>& f) const;
  // Keeps a result, if it is worth keeping.
  void store(const std::string& url, const FetchResult& result);
  // Writes the fresh entries; returns an error message on failure.
  std::optional<std::string> save() const;

  static bool worth_caching(const FetchResult& result);

 private:
  struct Entry {
    FetchResult result;
    int64_t checked = 0;  // seconds since the epoch
  };
  bool fresh(const Entry& e) const { return e.checked <= now_ && now_ - e.checked < max_age_s_; }

  std::string path_;
  int64_t max_age_s_;
  int64_t now_;
  std::map<std::string, Entry> entries_;
};

// Where the cache lives: $XDG_CACHE_HOME/qadeck/links.json, else ~/.cache/qadeck/links.json;
// "" when neither variable is set.
std::string default_link_cache_path();

}  // namespace qadeck
