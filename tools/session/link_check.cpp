#include "session/link_check.h"

#include "links/link_cache.h"

namespace qadeck::session {

std::optional<LinkResults> check_links(const std::vector<std::string>& urls,
                                       const LinkSettings& settings, const LinkCheckRun& run,
                                       ExternalCheckStats& stats, std::string& error) {
  ExternalCheckOptions options;
  if (run.use_cache) options.cache_path = default_link_cache_path();
  options.progress = run.progress;
  return check_external_urls(urls, settings, options, stats, error);
}

}  // namespace qadeck::session
