#include "links/external_links.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <ctime>
#include <mutex>
#include <set>
#include <thread>

#include "core/atomic_write.h"
#include "links/link_cache.h"
#include "links/link_targets.h"

namespace qadeck {
namespace {

void add_urls(const std::string& path, std::string text, std::set<std::string>& out) {
  if (check_source_text(text)) return;
  try {
    const SourceFile source(path, std::move(text));
    const Document doc = build_document(source);
    for (const LinkTarget& t : link_targets(doc)) {
      if (t.kind == TargetKind::external) out.insert(t.url);
    }
  } catch (const InputError&) {
    // The lint reports the file.
  }
}

bool excluded(const LinkSettings& settings, const std::string& url) {
  return std::any_of(settings.exclude.begin(), settings.exclude.end(),
                     [&](const std::string& glob) { return glob_match(glob, url); });
}

LinkCache loaded_cache(const std::string& path, const LinkSettings& settings) {
  LinkCache cache(path, settings.cache_max_age_s, static_cast<int64_t>(std::time(nullptr)));
  cache.load();
  return cache;
}

std::string_view reason_phrase(int status) {
  static constexpr std::array<std::pair<int, std::string_view>, 14> phrases = {{
      {400, "Bad Request"},
      {401, "Unauthorized"},
      {403, "Forbidden"},
      {404, "Not Found"},
      {405, "Method Not Allowed"},
      {408, "Request Timeout"},
      {410, "Gone"},
      {429, "Too Many Requests"},
      {451, "Unavailable For Legal Reasons"},
      {500, "Internal Server Error"},
      {501, "Not Implemented"},
      {502, "Bad Gateway"},
      {503, "Service Unavailable"},
      {504, "Gateway Timeout"},
  }};
  for (const auto& [code, phrase] : phrases) {
    if (code == status) return phrase;
  }
  return "";
}

std::string status_text(int status) {
  const std::string_view phrase = reason_phrase(status);
  return std::to_string(status) + (phrase.empty() ? "" : " " + std::string(phrase));
}

}  // namespace

std::vector<std::string> collect_external_urls(const std::vector<std::string>& paths,
                                               unsigned jobs) {
  std::set<std::string> all;
  std::mutex mutex;
  std::atomic<size_t> next{0};
  const auto work = [&] {
    std::set<std::string> mine;
    for (size_t i = next++; i < paths.size(); i = next++) {
      std::string text;
      if (!read_file(paths[i], text)) add_urls(paths[i], std::move(text), mine);
    }
    const std::lock_guard<std::mutex> lock(mutex);
    all.insert(mine.begin(), mine.end());
  };
  unsigned threads = jobs ? jobs : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<size_t>(threads, std::max<size_t>(paths.size(), 1)));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return {all.begin(), all.end()};
}

std::vector<std::string> collect_external_urls(const std::string& path, const std::string& text) {
  std::set<std::string> all;
  add_urls(path, text, all);
  return {all.begin(), all.end()};
}

HttpCheckOptions http_options(const LinkSettings& s) {
  HttpCheckOptions o;
  o.timeout = std::chrono::milliseconds(s.timeout_ms);
  o.link_timeout = std::chrono::milliseconds(s.link_timeout_ms);
  o.connect_timeout = std::chrono::milliseconds(s.connect_timeout_ms);
  o.concurrency = s.concurrency;
  o.per_host = s.per_host;
  o.retries = s.retries;
  o.retry_wait_max = std::chrono::milliseconds(s.retry_wait_max_ms);
  o.redirects = s.redirects;
  o.max_bytes = s.max_bytes;
  return o;
}

LinkCheck judge(const FetchResult& r, const std::vector<std::pair<int, int>>& accept) {
  using F = FetchResult::Failure;
  LinkCheck c;
  c.status = r.status;
  switch (r.failure) {
    case F::none: {
      const bool accepted = std::any_of(accept.begin(), accept.end(), [&](const auto& range) {
        return r.status >= range.first && r.status <= range.second;
      });
      c.outcome = accepted ? LinkOutcome::ok : LinkOutcome::broken;
      c.detail = status_text(r.status);
      return c;
    }
    case F::no_host:
      c.outcome = LinkOutcome::broken;
      c.detail = "host not found (" + r.detail + ")";
      return c;
    case F::redirect_loop:
      c.outcome = LinkOutcome::broken;
      c.detail = "redirect loop: " + r.detail;
      return c;
    case F::too_many_redirects:
    case F::bad_url:
      c.outcome = LinkOutcome::broken;
      c.detail = r.detail;
      return c;
    case F::timeout:
      c.detail = "timed out: " + r.detail;
      break;
    case F::no_resolver:
      c.detail = r.detail;
      break;
    case F::refused:
      c.detail = "no connection: " + r.detail;
      break;
    case F::tls:
      c.detail = "TLS failure: " + r.detail;
      break;
    case F::rate_limited:
      c.detail = "rate-limited, " + r.detail;
      break;
    case F::other:
      c.detail = r.detail;
      break;
  }
  c.outcome = LinkOutcome::unreachable;
  return c;
}

LinkResults cached_external_results(const LinkSettings& settings, const std::string& cache_path) {
  LinkResults results;
  loaded_cache(cache_path, settings).for_each([&](const std::string& url, const FetchResult& r) {
    if (!excluded(settings, url)) results.set(url, judge(r, settings.accept));
  });
  return results;
}

std::optional<LinkResults> check_external_urls(const std::vector<std::string>& urls,
                                               const LinkSettings& settings,
                                               const ExternalCheckOptions& options,
                                               ExternalCheckStats& stats, std::string& error) {
  std::vector<std::string> wanted;
  for (const std::string& url : urls) {
    if (!excluded(settings, url)) wanted.push_back(url);
  }
  LinkCache cache = loaded_cache(options.cache_path, settings);
  LinkResults results;
  std::vector<std::string> to_fetch;
  for (const std::string& url : wanted) {
    if (const FetchResult* cached = cache.find(url)) {
      results.set(url, judge(*cached, settings.accept));
      ++stats.from_cache;
    } else {
      to_fetch.push_back(url);
    }
  }
  auto fetched = fetch_urls(to_fetch, http_options(settings), options.progress, error);
  if (!fetched) return std::nullopt;
  for (size_t i = 0; i < to_fetch.size(); ++i) {
    const FetchResult& r = (*fetched)[i];
    stats.requests += r.requests;
    if (r.failure == FetchResult::Failure::no_resolver) stats.unresolved.insert(r.host);
    cache.store(to_fetch[i], r);
    results.set(to_fetch[i], judge(r, settings.accept));
  }
  // A cache that cannot be written costs the next run time, not this one its result.
  if (!to_fetch.empty()) (void)cache.save();
  return results;
}

}  // namespace qadeck
