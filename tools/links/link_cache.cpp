#include "links/link_cache.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdlib>
#include <filesystem>

#include "core/atomic_write.h"

namespace qadeck {
namespace {

using Failure = FetchResult::Failure;

constexpr std::array<std::pair<Failure, const char*>, 11> failure_names = {{
    {Failure::none, "none"},
    {Failure::timeout, "timeout"},
    {Failure::refused, "refused"},
    {Failure::no_host, "no-host"},
    {Failure::no_resolver, "no-resolver"},
    {Failure::tls, "tls"},
    {Failure::redirect_loop, "redirect-loop"},
    {Failure::too_many_redirects, "too-many-redirects"},
    {Failure::rate_limited, "rate-limited"},
    {Failure::bad_url, "bad-url"},
    {Failure::other, "other"},
}};

const char* name_of(Failure f) {
  for (const auto& [failure, name] : failure_names) {
    if (failure == f) return name;
  }
  return "other";
}

std::optional<Failure> failure_named(const std::string& n) {
  for (const auto& [failure, name] : failure_names) {
    if (n == name) return failure;
  }
  return std::nullopt;
}

constexpr int format_version = 1;

}  // namespace

LinkCache::LinkCache(std::string path, int64_t max_age_s, int64_t now)
    : path_(std::move(path)), max_age_s_(max_age_s), now_(now) {}

bool LinkCache::worth_caching(const FetchResult& r) {
  switch (r.failure) {
    case Failure::none:
      return r.status != 429 && r.status != 503;
    case Failure::redirect_loop:
    case Failure::too_many_redirects:
    case Failure::bad_url:
      return true;
    default:
      return false;
  }
}

void LinkCache::load() {
  if (path_.empty() || max_age_s_ <= 0) return;
  std::string text;
  if (read_file(path_, text)) return;
  try {
    const nlohmann::json root = nlohmann::json::parse(text);
    if (root.at("version").get<int>() != format_version) return;
    for (const auto& [url, value] : root.at("entries").items()) {
      Entry e;
      e.checked = value.at("checked").get<int64_t>();
      e.result.status = value.at("status").get<int>();
      const auto failure = failure_named(value.at("failure").get<std::string>());
      if (!failure) continue;
      e.result.failure = *failure;
      e.result.detail = value.value("detail", "");
      if (fresh(e) && worth_caching(e.result)) entries_[url] = std::move(e);
    }
  } catch (const nlohmann::json::exception&) {
    entries_.clear();  // a corrupt cache is an empty one
  }
}

const FetchResult* LinkCache::find(const std::string& url) const {
  auto it = entries_.find(url);
  return it != entries_.end() && fresh(it->second) ? &it->second.result : nullptr;
}

void LinkCache::for_each(
    const std::function<void(const std::string&, const FetchResult&)>& f) const {
  for (const auto& [url, e] : entries_) {
    if (fresh(e)) f(url, e.result);
  }
}

void LinkCache::store(const std::string& url, const FetchResult& result) {
  if (!worth_caching(result)) return;
  Entry e;
  e.result = result;
  e.result.requests = 0;
  e.checked = now_;
  entries_[url] = std::move(e);
}

std::optional<std::string> LinkCache::save() const {
  if (path_.empty() || max_age_s_ <= 0) return std::nullopt;
  nlohmann::json entries = nlohmann::json::object();
  for (const auto& [url, e] : entries_) {
    if (!fresh(e)) continue;
    nlohmann::json value = {{"checked", e.checked},
                            {"status", e.result.status},
                            {"failure", name_of(e.result.failure)}};
    if (!e.result.detail.empty()) value["detail"] = e.result.detail;
    entries[url] = std::move(value);
  }
  const nlohmann::json root = {{"version", format_version}, {"entries", std::move(entries)}};
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), ec);
  // Invalid UTF-8 in a URL or a detail is replaced rather than thrown on.
  return write_file_atomically(
      path_, root.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

std::string default_link_cache_path() {
  const char* xdg = std::getenv("XDG_CACHE_HOME");
  if (xdg && *xdg == '/') return std::string(xdg) + "/qadeck/links.json";
  const char* home = std::getenv("HOME");
  if (home && *home) return std::string(home) + "/.cache/qadeck/links.json";
  return "";
}

}  // namespace qadeck
