#include "qadeck/link_check.h"

#include <unistd.h>

#include <chrono>
#include <iostream>
#include <set>
#include <string>

#include "links/external_links.h"
#include "links/link_cache.h"

namespace qadeck::cli {
namespace {

// Redraws one line on standard error at most ten times a second, and clears it at the end.
class ProgressBar {
 public:
  void update(size_t done, size_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (done < total && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    constexpr size_t width = 30;
    const size_t filled = total ? done * width / total : width;
    std::cerr << "\rchecking links [" << std::string(filled, '#')
              << std::string(width - filled, '.') << "] " << done << "/" << total << std::flush;
    drawn_ = true;
  }
  ~ProgressBar() {
    if (drawn_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  std::chrono::steady_clock::time_point last_{};
  bool drawn_ = false;
};

// One line per run, for the links that are link.unreachable only because no name server
// answered (offline, or no resolver configured).
std::string network_down_line(const std::set<std::string>& hosts) {
  const size_t n = hosts.size();
  return "qadeck: warning: the network looks down: no name server could say whether " +
         (n == 1 ? *hosts.begin() + " exists"
                 : std::to_string(n) + " host names exist (" + *hosts.begin() + ", …)") +
         "; their links are reported as link.unreachable\n";
}

}  // namespace

std::optional<LinkResults> check_links(const std::vector<std::string>& urls,
                                       const LinkSettings& settings, const LinkCheckRun& run) {
  ExternalCheckOptions options;
  if (run.use_cache) options.cache_path = default_link_cache_path();
  ProgressBar bar;
  if (!run.quiet && isatty(STDERR_FILENO)) {
    options.progress = [&bar](size_t done, size_t total) { bar.update(done, total); };
  }
  ExternalCheckStats stats;
  std::string error;
  auto results = check_external_urls(urls, settings, options, stats, error);
  if (!results) std::cerr << "qadeck: cannot check external links: " << error << "\n";
  if (results && !run.quiet && !stats.unresolved.empty()) {
    std::cerr << network_down_line(stats.unresolved);
  }
  return results;
}

}  // namespace qadeck::cli
