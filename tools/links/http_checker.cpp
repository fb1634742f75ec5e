#include "links/http_checker.h"

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <queue>

#include "links/curl_library.h"

namespace qadeck {
namespace {

using Clock = std::chrono::steady_clock;

// One URL on its way to a result: it moves through redirect hops, the GET fallback and
// retries, one request at a time.
struct Job {
  size_t index = 0;
  std::string url;  // the current hop
  std::string host;
  bool get = false;  // GET rather than HEAD
  unsigned attempt = 0;
  std::vector<std::string> chain;  // the hops before this one
  Clock::time_point deadline;      // set when its first request starts
  FetchResult result;
  // The transfer in progress.
  CURL* easy = nullptr;
  size_t bytes = 0;
  size_t cap = 0;
  bool capped = false;  // the write callback stopped the body at max_bytes
  size_t header_bytes = 0;
  bool header_overflow = false;  // the header callback stopped at kMaxHeaderBytes
  bool deadline_bound = false;   // the request's timeout is what is left of link_timeout
  std::array<char, CURL_ERROR_SIZE> error{};
};

struct Host {
  std::deque<Job*> ready;
  unsigned active = 0;
};

struct Delayed {
  Clock::time_point due;
  Job* job;
  bool operator>(const Delayed& other) const { return due > other.due; }
};

// More header bytes than any real answer needs; libcurl itself rejects one header line longer
// than 100 KB, as an "Out of memory" error that would misname the server's fault.
constexpr size_t kMaxHeaderBytes = 64 * 1024;

std::string too_large_headers() {
  return "the response headers are larger than " + std::to_string(kMaxHeaderBytes / 1024) +
         " KB";
}

// libcurl's codes for a header past its own limit: CURLE_OUT_OF_MEMORY up to 8.5,
// CURLE_TOO_LARGE (100) since 8.6. The library loaded may be newer than the headers built with.
bool is_header_overflow(CURLcode code) {
  return code == CURLE_OUT_OF_MEMORY || static_cast<int>(code) == 100;
}

// The URL without "user:password@": curl would turn it into an Authorization header, and a
// redirect must not make qadeck send credentials someone put into a Location.
std::string without_userinfo(const std::string& url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const size_t begin = scheme_end + 3;
  const size_t end = std::min(url.find_first_of("/?#", begin), url.size());
  const size_t at = url.rfind('@', end == 0 ? 0 : end - 1);
  if (at == std::string::npos || at < begin) return url;
  return url.substr(0, begin) + url.substr(at + 1);
}

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

bool is_tls_failure(CURLcode code) {
  switch (code) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_USE_SSL_FAILED:
      return true;
    default:
      return false;
  }
}

// A connection that broke before an answer: servers that refuse HEAD sometimes just hang up,
// and a busy server may drop one; worth another request.
bool is_dropped(CURLcode code) {
  return code == CURLE_GOT_NOTHING || code == CURLE_RECV_ERROR || code == CURLE_SEND_ERROR ||
         code == CURLE_PARTIAL_FILE || code == CURLE_HTTP2 || code == CURLE_HTTP2_STREAM ||
         code == CURLE_WEIRD_SERVER_REPLY;
}

size_t count_body(char*, size_t size, size_t count, void* user) {
  Job& job = *static_cast<Job*>(user);
  job.bytes += size * count;
  return size * count;
}

size_t count_header(char*, size_t size, size_t count, void* user) {
  Job& job = *static_cast<Job*>(user);
  job.header_bytes += size * count;
  if (job.header_bytes > kMaxHeaderBytes) {
    job.header_overflow = true;
    return 0;  // aborts the transfer: CURLE_WRITE_ERROR
  }
  return size * count;
}

class Checker {
 public:
  Checker(const curl::Api& api, const HttpCheckOptions& options, const FetchProgress& progress)
      : api_(api), options_(options), progress_(progress), multi_(api.multi_init()) {
    api_.multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                      static_cast<long>(options.concurrency));
    api_.multi_setopt(multi_, CURLMOPT_MAXCONNECTS, static_cast<long>(options.concurrency));
    headers_ = api_.slist_append(nullptr, "Accept: text/html,application/xhtml+xml,*/*;q=0.8");
  }
  ~Checker() {
    for (auto& job : jobs_) {
      if (job->easy) {
        api_.multi_remove_handle(multi_, job->easy);
        api_.easy_cleanup(job->easy);
      }
    }
    api_.multi_cleanup(multi_);
    api_.slist_free_all(headers_);
  }
  Checker(const Checker&) = delete;
  Checker& operator=(const Checker&) = delete;

  std::vector<FetchResult> run(const std::vector<std::string>& urls) {
    for (size_t i = 0; i < urls.size(); ++i) {
      auto job = std::make_unique<Job>();
      job->index = i;
      job->url = without_userinfo(urls[i]);
      job->host = url_host_key(job->url);
      enqueue(job.get());
      jobs_.push_back(std::move(job));
    }
    if (progress_) progress_(0, urls.size());
    while (done_ < urls.size()) {
      release_due();
      start_ready();
      int running = 0;
      api_.multi_perform(multi_, &running);
      bool finished_any = false;
      int left = 0;
      while (CURLMsg* msg = api_.multi_info_read(multi_, &left)) {
        if (msg->msg != CURLMSG_DONE) continue;
        Job* job = nullptr;
        api_.easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &job);
        finish(*job, msg->data.result);
        finished_any = true;
      }
      if (done_ >= urls.size()) break;
      if (finished_any) continue;  // start what the finished requests made room for
      api_.multi_poll(multi_, nullptr, 0, poll_timeout_ms(), nullptr);
    }
    std::vector<FetchResult> results(urls.size());
    for (auto& job : jobs_) results[job->index] = std::move(job->result);
    return results;
  }

 private:
  void enqueue(Job* job) { hosts_[job->host].ready.push_back(job); }

  void delay(Job* job, std::chrono::milliseconds wait) {
    delayed_.push({Clock::now() + wait, job});
  }

  void release_due() {
    const auto now = Clock::now();
    while (!delayed_.empty() && delayed_.top().due <= now) {
      enqueue(delayed_.top().job);
      delayed_.pop();
    }
  }

  int poll_timeout_ms() const {
    int ms = 1000;
    if (!delayed_.empty()) {
      const auto wait =
          std::chrono::duration_cast<std::chrono::milliseconds>(delayed_.top().due - Clock::now());
      ms = std::clamp(static_cast<int>(wait.count()) + 1, 0, ms);
    }
    return ms;
  }

  void start_ready() {
    // Round robin over the hosts, from where the last pass stopped, so that hosts early in
    // the order do not take every free slot.
    bool started = true;
    while (started && active_ < options_.concurrency) {
      started = false;
      auto it = hosts_.upper_bound(last_host_);
      for (size_t n = 0; n < hosts_.size() && active_ < options_.concurrency; ++n, ++it) {
        if (it == hosts_.end()) it = hosts_.begin();
        Host& host = it->second;
        if (host.ready.empty() || host.active >= options_.per_host) continue;
        Job* job = host.ready.front();
        host.ready.pop_front();
        start(*job);
        ++host.active;
        ++active_;
        last_host_ = it->first;
        started = true;
      }
    }
  }

  void start(Job& job) {
    const auto now = Clock::now();
    if (job.result.requests == 0) job.deadline = now + options_.link_timeout;
    const auto left = std::max(std::chrono::duration_cast<std::chrono::milliseconds>(job.deadline - now),
                               std::chrono::milliseconds(1));
    job.deadline_bound = left < options_.timeout;
    CURL* easy = api_.easy_init();
    job.easy = easy;
    job.bytes = 0;
    job.cap = options_.max_bytes;
    job.capped = false;
    job.header_bytes = 0;
    job.header_overflow = false;
    job.error[0] = '\0';
    ++job.result.requests;
    const auto set = [&](CURLoption option, auto value) { api_.easy_setopt(easy, option, value); };
    set(CURLOPT_URL, job.url.c_str());
    set(CURLOPT_PRIVATE, static_cast<void*>(&job));
    set(CURLOPT_ERRORBUFFER, job.error.data());
    set(CURLOPT_NOSIGNAL, 1L);
    set(CURLOPT_PROTOCOLS_STR, "http,https");
    set(CURLOPT_FOLLOWLOCATION, 0L);  // hop by hop: loops are found, hops are limited
    set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
    set(CURLOPT_TIMEOUT_MS, static_cast<long>(std::min(options_.timeout, left).count()));
    set(CURLOPT_USERAGENT, options_.user_agent.c_str());
    set(CURLOPT_HTTPHEADER, headers_);
    set(CURLOPT_PIPEWAIT, 1L);
    set(CURLOPT_HEADERFUNCTION, &count_header);
    set(CURLOPT_HEADERDATA, static_cast<void*>(&job));
    // No credentials: no .netrc (never enabled), no cookies, no authentication; user
    // names in URLs were removed by the link collector, and from Locations by answered().
    if (job.get) {
      set(CURLOPT_HTTPGET, 1L);
      set(CURLOPT_WRITEFUNCTION, &Checker::write_body);
      set(CURLOPT_WRITEDATA, static_cast<void*>(&job));
      // A body announced as larger than the cap is not read at all.
      set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_bytes));
    } else {
      set(CURLOPT_NOBODY, 1L);
      set(CURLOPT_WRITEFUNCTION, &count_body);
      set(CURLOPT_WRITEDATA, static_cast<void*>(&job));
    }
    api_.multi_add_handle(multi_, easy);
  }

  // Reads at most max_bytes of a body: the status is all that is needed, and a huge or
  // endless body must not hold the run.
  static size_t write_body(char*, size_t size, size_t count, void* user) {
    Job& job = *static_cast<Job*>(user);
    job.bytes += size * count;
    if (job.bytes > job.cap) {
      job.capped = true;
      return 0;  // aborts the transfer: CURLE_WRITE_ERROR
    }
    return size * count;
  }

  void release(Job& job) {
    api_.multi_remove_handle(multi_, job.easy);
    long status = 0;
    api_.easy_getinfo(job.easy, CURLINFO_RESPONSE_CODE, &status);
    last_status_ = static_cast<int>(status);
    curl_off_t retry_after = 0;
    api_.easy_getinfo(job.easy, CURLINFO_RETRY_AFTER, &retry_after);
    last_retry_after_ = retry_after;
    char* location = nullptr;
    api_.easy_getinfo(job.easy, CURLINFO_REDIRECT_URL, &location);
    last_location_ = location ? location : "";
    api_.easy_cleanup(job.easy);
    job.easy = nullptr;
    --hosts_[job.host].active;
    --active_;
  }

  void complete(Job& job, FetchResult::Failure failure, std::string detail = "") {
    job.result.failure = failure;
    job.result.detail = std::move(detail);
    ++done_;
    if (progress_) progress_(done_, jobs_.size());
  }

  std::chrono::milliseconds backoff(unsigned attempt) const {
    return options_.backoff * (1u << std::min(attempt, 10u));
  }

  std::string out_of_time() const {
    return "gave up after " + seconds_text(options_.link_timeout) +
           " (links.link-timeout: requests, redirects and retries together)";
  }

  static std::string seconds_text(std::chrono::milliseconds ms) {
    const long long whole = ms.count() / 1000;
    const long long tenths = ms.count() % 1000 / 100;
    return std::to_string(whole) + (tenths ? "." + std::to_string(tenths) : "") + " s";
  }

  // Sends the job on after `wait`, unless that ends past its deadline.
  void again(Job& job, std::chrono::milliseconds wait) {
    if (Clock::now() + wait >= job.deadline) {
      return complete(job, FetchResult::Failure::timeout, out_of_time());
    }
    if (wait.count() > 0) return delay(&job, wait);
    enqueue(&job);
  }

  void finish(Job& job, CURLcode code) {
    const bool capped = job.capped;
    const bool header_overflow = job.header_overflow || is_header_overflow(code);
    const bool deadline_bound = job.deadline_bound;
    const std::string curl_error = job.error[0] ? job.error.data() : api_.easy_strerror(code);
    release(job);
    const int status = last_status_;
    if (status > 0) job.result.status = status;
    if (code == CURLE_OK || (code == CURLE_WRITE_ERROR && capped) ||
        (code == CURLE_FILESIZE_EXCEEDED && status > 0)) {
      answered(job, status);
      return;
    }
    using F = FetchResult::Failure;
    if (header_overflow) return complete(job, F::other, too_large_headers());
    if (code == CURLE_OPERATION_TIMEDOUT) {
      return complete(job, F::timeout, deadline_bound ? out_of_time() : curl_error);
    }
    if (code == CURLE_COULDNT_CONNECT) return complete(job, F::refused, curl_error);
    if (code == CURLE_COULDNT_RESOLVE_HOST) {
      job.result.host = url_host_name(job.url);
      return complete(job, F::no_host, curl_error);
    }
    if (is_tls_failure(code)) return complete(job, F::tls, curl_error);
    if (code == CURLE_URL_MALFORMAT || code == CURLE_UNSUPPORTED_PROTOCOL) {
      return complete(job, F::bad_url, curl_error);
    }
    if (is_dropped(code)) {
      if (!job.get) {
        job.get = true;
        return again(job, std::chrono::milliseconds(0));
      }
      if (job.attempt < options_.retries) return again(job, backoff(job.attempt++));
    }
    complete(job, F::other, curl_error);
  }

  void answered(Job& job, int status) {
    using F = FetchResult::Failure;
    if (is_redirect(status) && !last_location_.empty()) {
      job.chain.push_back(job.url);
      const std::string next = without_userinfo(last_location_);
      if (std::find(job.chain.begin(), job.chain.end(), next) != job.chain.end()) {
        std::string loop;
        for (const std::string& hop : job.chain) loop += hop + " → ";
        return complete(job, F::redirect_loop, loop + next);
      }
      if (job.chain.size() > options_.redirects) {
        return complete(job, F::too_many_redirects,
                        "more than " + std::to_string(options_.redirects) + " redirects");
      }
      job.url = next;
      job.host = url_host_key(next);
      job.attempt = 0;
      return again(job, std::chrono::milliseconds(0));
    }
    if (status == 429 || status == 503) {
      // Retry-After is read as seconds (libcurl also turns an HTTP date into them); a huge
      // value must not overflow the milliseconds.
      const curl_off_t retry_after = std::min<curl_off_t>(last_retry_after_, 1'000'000'000);
      const auto wait = retry_after > 0 ? std::chrono::milliseconds(retry_after * 1000)
                                        : backoff(job.attempt);
      if (retry_after > 0 && wait > options_.retry_wait_max) {
        return complete(job, F::rate_limited,
                        "retry after " + std::to_string(last_retry_after_) + " s");
      }
      if (job.attempt < options_.retries) {
        ++job.attempt;
        return again(job, wait);
      }
      if (status == 429) {
        return complete(job, F::rate_limited,
                        "still 429 after " + std::to_string(job.attempt) + " retries");
      }
      return complete(job, F::none);
    }
    // Some servers refuse HEAD (405, 501, or any error): ask again with GET.
    if (status >= 400 && !job.get) {
      job.get = true;
      return again(job, std::chrono::milliseconds(0));
    }
    complete(job, F::none);
  }

  const curl::Api& api_;
  const HttpCheckOptions& options_;
  const FetchProgress& progress_;
  CURLM* multi_;
  curl_slist* headers_ = nullptr;
  std::vector<std::unique_ptr<Job>> jobs_;
  std::map<std::string, Host> hosts_;
  std::string last_host_;  // where start_ready's round robin stopped
  std::priority_queue<Delayed, std::vector<Delayed>, std::greater<>> delayed_;
  unsigned active_ = 0;
  size_t done_ = 0;
  int last_status_ = 0;
  curl_off_t last_retry_after_ = 0;
  std::string last_location_;
};

}  // namespace

std::string url_host_key(const std::string& url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const size_t begin = scheme_end + 3;
  const size_t end = std::min(url.find_first_of("/?#", begin), url.size());
  std::string authority = url.substr(begin, end - begin);
  const size_t at = authority.rfind('@');
  if (at != std::string::npos) authority.erase(0, at + 1);
  std::string key = url.substr(0, begin) + authority;
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

std::optional<std::vector<FetchResult>> fetch_urls(const std::vector<std::string>& urls,
                                                   const HttpCheckOptions& options,
                                                   const FetchProgress& progress,
                                                   std::string& error) {
  if (urls.empty()) return std::vector<FetchResult>{};
  const curl::Api* api = curl::api(error);
  if (!api) return std::nullopt;
  Checker checker(*api, options, progress);
  std::vector<FetchResult> results = checker.run(urls);
  classify_unresolved(results, options.resolve, options.concurrency);
  return results;
}

void classify_unresolved(std::vector<FetchResult>& results, const HostResolver& resolve,
                         unsigned concurrency) {
  std::vector<std::string> hosts;
  for (const FetchResult& r : results) {
    if (r.failure == FetchResult::Failure::no_host) hosts.push_back(r.host);
  }
  std::sort(hosts.begin(), hosts.end());
  hosts.erase(std::unique(hosts.begin(), hosts.end()), hosts.end());
  if (hosts.empty()) return;
  const std::vector<HostLookup> lookups = look_up_hosts(hosts, resolve, concurrency);
  for (FetchResult& r : results) {
    if (r.failure != FetchResult::Failure::no_host) continue;
    const size_t i = std::lower_bound(hosts.begin(), hosts.end(), r.host) - hosts.begin();
    if (lookups[i] == HostLookup::missing) continue;
    r.failure = FetchResult::Failure::no_resolver;
    r.detail = lookups[i] == HostLookup::found
                   ? r.host + " did not resolve, then did"
                   : "no name server could say whether " + r.host + " exists";
  }
}

}  // namespace qadeck
