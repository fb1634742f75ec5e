// Checks external URLs over HTTP: libcurl's multi interface, one event loop on the calling
// thread. Each URL is fetched once, with a global and a per-host limit on requests at once:
// HEAD first, GET when HEAD is refused; redirects followed hop by hop (a loop, or more hops
// than allowed, is a finding); connect and total timeouts; retries with backoff that honour
// Retry-After on 429 and 503; at most `max_bytes` of a body read; no credentials sent, not even
// those a redirect's Location carries. One URL has `link_timeout` for all of it — its hops,
// retries and waits — so that no server can hold a run for longer than that.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "links/host_lookup.h"

namespace qadeck {

struct HttpCheckOptions {
  std::chrono::milliseconds timeout{10000};  // a whole request
  std::chrono::milliseconds link_timeout{30000};  // one URL: requests, redirects, retries, waits
  std::chrono::milliseconds connect_timeout{5000};
  unsigned concurrency = 32;                // requests at once
  unsigned per_host = 8;                    // requests at once to one host
  unsigned retries = 3;                     // per URL, after 429/503 or a dropped connection
  std::chrono::milliseconds backoff{1000};  // the first wait without Retry-After; doubles
  std::chrono::milliseconds retry_wait_max{10000};  // a longer Retry-After gives up
  unsigned redirects = 10;                          // hops followed
  size_t max_bytes = 256 * 1024;                    // of a body read per request
  std::string user_agent = "Mozilla/5.0 (compatible; qadeck link checker)";
  // Asked again about each name curl could not resolve (see host_lookup.h).
  HostResolver resolve = look_up_host;
};

// What fetching one URL gave, before the configuration's accepted statuses judge it.
struct FetchResult {
  enum class Failure {
    none,                // `status` is the final answer
    timeout,             // connect or request timeout, or the URL's link_timeout spent
    refused,             // the connection was refused or could not be made
    no_host,             // the DNS says the host name does not exist
    no_resolver,         // the host name did not resolve, and no resolver says why
    tls,                 // TLS handshake or certificate failure
    redirect_loop,       // a redirect leads back to a URL of the chain
    too_many_redirects,  // more hops than allowed
    rate_limited,        // still 429 after the retries, or Retry-After beyond the limit
    bad_url,             // curl cannot parse the URL
    other,  // another transport error (a dropped connection after retries, headers too large, …)
  };
  int status = 0;  // the last HTTP status received; 0 when none
  Failure failure = Failure::none;
  std::string detail;     // curl's words, or the redirect chain
  std::string host;       // no_host and no_resolver: the name that did not resolve
  unsigned requests = 0;  // requests made for this URL
};

using FetchProgress = std::function<void(size_t done, size_t total)>;

// Fetches every URL (unique, http or https); results are in the order of `urls`. Returns
// nothing, with `error` set, when libcurl cannot be loaded.
std::optional<std::vector<FetchResult>> fetch_urls(const std::vector<std::string>& urls,
                                                   const HttpCheckOptions& options,
                                                   const FetchProgress& progress,
                                                   std::string& error);

// Asks `resolve` once about each host of the no_host results, and turns into no_resolver those
// whose name is not known to be missing.
void classify_unresolved(std::vector<FetchResult>& results, const HostResolver& resolve,
                         unsigned concurrency);

// "scheme://host:port", lower-cased: the unit of the per-host limit.
std::string url_host_key(const std::string& url);

}  // namespace qadeck
