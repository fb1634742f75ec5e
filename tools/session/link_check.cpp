#include "session/link_check.h"

#include <sys/stat.h>

#include <set>

#include "links/link_cache.h"

namespace qadeck::session {
namespace {

// For the links that are link.unreachable only because no name server answered (offline, or
// no resolver configured): one line for the run, however many hosts.
std::string network_down_message(const std::set<std::string>& hosts) {
  const size_t n = hosts.size();
  return "the network looks down: no name server could say whether " +
         (n == 1 ? *hosts.begin() + " exists"
                 : std::to_string(n) + " host names exist (" + *hosts.begin() + ", …)") +
         "; their links are reported as link.unreachable";
}

}  // namespace

const LinkResults& CachedLinks::results(const LinkSettings& settings, bool use_cache) {
  const std::string path = use_cache ? default_link_cache_path() : std::string();
  Stamp stamp;  // a missing file has the default stamp
  struct stat st{};
  if (!path.empty() && ::stat(path.c_str(), &st) == 0) {
    stamp = {static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
             static_cast<int64_t>(st.st_size), static_cast<uint64_t>(st.st_ino)};
  }
  const auto now = std::chrono::steady_clock::now();
  if (!loaded_ || loaded_->stamp != stamp || loaded_->settings != settings ||
      now - loaded_->when >= std::chrono::minutes(1)) {
    loaded_ = Loaded{settings, stamp, now,
                     path.empty() ? LinkResults() : cached_external_results(settings, path)};
  }
  return loaded_->results;
}

std::optional<LinkResults> check_links(const std::vector<std::string>& urls,
                                       const LinkSettings& settings, const LinkCheckRun& run,
                                       ExternalCheckStats& stats, std::string& error) {
  ExternalCheckOptions options;
  if (run.use_cache) options.cache_path = default_link_cache_path();
  options.progress = run.progress;
  auto results = check_external_urls(urls, settings, options, stats, error);
  if (results && run.warn && !stats.unresolved.empty()) {
    run.warn(network_down_message(stats.unresolved));
  }
  return results;
}

}  // namespace qadeck::session
