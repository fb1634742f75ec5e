#include "qadeck/link_check.h"

#include <unistd.h>

#include <chrono>
#include <iostream>

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
  return results;
}

}  // namespace qadeck::cli
