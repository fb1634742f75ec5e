// The run-wide external link check. The runner calls it once, before linting: it collects the
// unique external URLs of every file, takes what the disk cache knows, fetches the rest, and
// judges each result against the configuration. The lint then hands the table to each
// Document (ExtractOptions::external_links), and link.broken and link.unreachable map its
// entries to diagnostics at every place the URL is written. Parsing a file twice (here and in
// the lint) costs little next to the network, and keeps the lint itself unchanged.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/config.h"
#include "links/http_checker.h"

namespace qadeck {

// The unique external URLs (sorted) of the files, each parsed on one of `jobs` threads (0: one
// per core). Files that cannot be read are skipped: the lint reports them.
std::vector<std::string> collect_external_urls(const std::vector<std::string>& paths,
                                               unsigned jobs);
// The same for one text in memory (standard input).
std::vector<std::string> collect_external_urls(const std::string& path, const std::string& text);

struct ExternalCheckOptions {
  std::string cache_path;  // "" for no cache
  FetchProgress progress;  // called as URLs finish; may be empty
};

struct ExternalCheckStats {
  size_t from_cache = 0;  // answered by the cache
  size_t requests = 0;    // HTTP requests made
  std::set<std::string> unresolved;  // host names no resolver answered for
};

// Judges every URL not excluded by `settings.exclude`. Returns nothing, with `error` set, when
// the check cannot run at all (libcurl missing).
std::optional<LinkResults> check_external_urls(const std::vector<std::string>& urls,
                                               const LinkSettings& settings,
                                               const ExternalCheckOptions& options,
                                               ExternalCheckStats& stats, std::string& error);

// What the disk cache at `cache_path` holds, judged: every URL it answers for that
// `settings.exclude` does not exclude. The network is never asked; a URL the cache lacks is
// left unchecked.
LinkResults cached_external_results(const LinkSettings& settings, const std::string& cache_path);

// What a fetch result means under the accepted statuses.
LinkCheck judge(const FetchResult& result, const std::vector<std::pair<int, int>>& accept);

HttpCheckOptions http_options(const LinkSettings& settings);

}  // namespace qadeck
