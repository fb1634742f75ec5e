// The external link checker against a real HTTP server (cpp-httplib) inside the test, on
// 127.0.0.1: statuses, redirects, 429/503 with Retry-After, timeouts, servers that refuse HEAD,
// huge bodies, refused connections, the limits on requests at once, and the cache; and hostile
// servers: tarpits, trickled redirect chains, long Retry-After, huge or credential-carrying
// Locations.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "core/config.h"
#include "link_server.h"
#include "links/external_links.h"
#include "links/http_checker.h"
#include "links/link_cache.h"
#include "test_support.h"

namespace qadeck {
namespace {

using namespace std::chrono_literals;
using Failure = FetchResult::Failure;
using Clock = std::chrono::steady_clock;

// Short timeouts and waits, so that every case runs in well under two seconds.
HttpCheckOptions fast_options() {
  HttpCheckOptions o;
  o.timeout = 400ms;
  o.link_timeout = 5s;
  o.connect_timeout = 300ms;
  o.backoff = 20ms;
  o.retry_wait_max = 3s;
  o.max_bytes = 64 * 1024;
  return o;
}

// Sleeps up to `total`, waking early when the server stops.
void nap(const testing::LinkServer& server, std::chrono::milliseconds total) {
  for (auto waited = 0ms; waited < total && !server.stopping(); waited += 10ms) {
    std::this_thread::sleep_for(10ms);
  }
}

class HttpChecker : public ::testing::Test {
 protected:
  void SetUp() override {
    auto& r = server_.routes();
    r.Get("/ok", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("<h1 id=\"top\">ok</h1>", "text/html");
    });
    for (const int status : {404, 410, 500}) {
      r.Get("/status/" + std::to_string(status),
            [status](const httplib::Request&, httplib::Response& res) {
              res.status = status;
              res.set_content("no", "text/plain");
            });
    }
    // /chain/3 -> /chain/2 -> /chain/1 -> /chain/0 (200)
    r.Get(R"(/chain/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      const int n = std::stoi(req.matches[1]);
      if (n == 0) {
        res.set_content("end", "text/plain");
      } else {
        res.set_redirect("/chain/" + std::to_string(n - 1), 301);
      }
    });
    r.Get("/loop/a", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/loop/b", 302);
    });
    r.Get("/loop/b", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("/loop/a", 307);
    });
    r.Get("/ratelimit", [this](const httplib::Request&, httplib::Response& res) {
      if (server_.hits("/ratelimit") <= 1) {
        res.status = 429;
        res.set_header("Retry-After", "1");
        return;
      }
      res.set_content("ok", "text/plain");
    });
    r.Get("/ratelimit-forever", [](const httplib::Request&, httplib::Response& res) {
      res.status = 429;
      res.set_header("Retry-After", "3600");
    });
    r.Get("/unavailable",
          [](const httplib::Request&, httplib::Response& res) { res.status = 503; });
    r.Get("/unavailable-once", [this](const httplib::Request&, httplib::Response& res) {
      res.status = server_.hits("/unavailable-once") <= 1 ? 503 : 200;
    });
    r.Get("/slow", [this](const httplib::Request&, httplib::Response& res) {
      nap(server_, 1500ms);
      res.set_content("late", "text/plain");
    });
    r.Get("/no-head", [](const httplib::Request& req, httplib::Response& res) {
      if (req.method == "HEAD") {
        res.status = 405;
        return;
      }
      res.set_content("GET only", "text/plain");
    });
    // An endless body, after refusing HEAD so that the checker must GET it.
    r.Get("/huge", [this](const httplib::Request& req, httplib::Response& res) {
      if (req.method == "HEAD") {
        res.status = 405;
        return;
      }
      res.set_chunked_content_provider("application/octet-stream",
                                       [this](size_t, httplib::DataSink& sink) {
                                         static const std::string block(64 * 1024, 'x');
                                         huge_bytes_ += block.size();
                                         if (huge_bytes_ > 512u * 1024 * 1024) return false;
                                         return sink.write(block.data(), block.size());
                                       });
    });
    r.Get("/unavailable-long", [](const httplib::Request&, httplib::Response& res) {
      res.status = 503;
      res.set_header("Retry-After", "59");
    });
    r.Get("/ratelimit-each-second", [](const httplib::Request&, httplib::Response& res) {
      res.status = 429;
      res.set_header("Retry-After", "1");
    });
    // /trickle/10 -> … -> /trickle/0, each hop answered after 150 ms.
    r.Get(R"(/trickle/(\d+))", [this](const httplib::Request& req, httplib::Response& res) {
      nap(server_, 150ms);
      const int n = std::stoi(req.matches[1]);
      if (n == 0) {
        res.set_content("end", "text/plain");
      } else {
        res.set_redirect("/trickle/" + std::to_string(n - 1), 302);
      }
    });
    // A body of one byte every 50 ms, for as long as the client stays.
    r.Get("/tarpit", [this](const httplib::Request& req, httplib::Response& res) {
      if (req.method == "HEAD") {
        res.status = 405;
        return;
      }
      res.set_chunked_content_provider("text/plain", [this](size_t, httplib::DataSink& sink) {
        nap(server_, 50ms);
        return !server_.stopping() && sink.write("x", 1);
      });
    });
    r.Get("/huge-location", [](const httplib::Request&, httplib::Response& res) {
      res.status = 302;
      res.set_header("Location", "/ok?" + std::string(200 * 1024, 'a'));
    });
    r.Get("/credentials-location", [this](const httplib::Request&, httplib::Response& res) {
      std::string target = server_.url("/ok");
      target.insert(std::string("http://").size(), "user:secret@");
      res.status = 302;
      res.set_header("Location", target);
    });
    r.Get(R"(/busy/(\d+))", [this](const httplib::Request&, httplib::Response& res) {
      const testing::LinkServer::Busy busy(server_);
      std::this_thread::sleep_for(60ms);
      res.set_content("ok", "text/plain");
    });
    server_.start();
  }

  std::vector<FetchResult> fetch(const std::vector<std::string>& urls,
                                 const HttpCheckOptions& options = fast_options()) {
    std::string error;
    auto results = fetch_urls(urls, options, {}, error);
    EXPECT_TRUE(results.has_value()) << error;
    return results ? *results : std::vector<FetchResult>(urls.size());
  }

  FetchResult fetch_one(const std::string& path, const HttpCheckOptions& options = fast_options()) {
    return fetch({server_.url(path)}, options).front();
  }

  std::atomic<size_t> huge_bytes_{0};  // before server_: its handlers use it until it stops
  testing::LinkServer server_;
};

LinkCheck judged(const FetchResult& r) { return judge(r, LinkSettings().accept); }

TEST_F(HttpChecker, OkIsOneHeadRequest) {
  const FetchResult r = fetch_one("/ok");
  EXPECT_EQ(r.failure, Failure::none);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.requests, 1u);
  EXPECT_EQ(server_.method("HEAD"), 1);
  EXPECT_EQ(server_.method("GET"), 0);
  EXPECT_EQ(judged(r).outcome, LinkOutcome::ok);
}

TEST_F(HttpChecker, ClientAndServerErrorsAreBroken) {
  const auto results =
      fetch({server_.url("/status/404"), server_.url("/status/410"), server_.url("/status/500")});
  const int expected[] = {404, 410, 500};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(results[i].failure, Failure::none);
    EXPECT_EQ(results[i].status, expected[i]);
    // HEAD, then GET in case the server only refused HEAD.
    EXPECT_EQ(results[i].requests, 2u);
    const LinkCheck c = judged(results[i]);
    EXPECT_EQ(c.outcome, LinkOutcome::broken);
    EXPECT_EQ(c.detail.substr(0, 3), std::to_string(expected[i]));
  }
  EXPECT_EQ(judged(results[0]).detail, "404 Not Found");
}

TEST_F(HttpChecker, AcceptedStatusesComeFromTheConfiguration) {
  const FetchResult r = fetch_one("/status/410");
  EXPECT_EQ(judge(r, {{200, 299}, {410, 410}}).outcome, LinkOutcome::ok);
  EXPECT_EQ(judge(r, {{200, 299}}).outcome, LinkOutcome::broken);
}

TEST_F(HttpChecker, RedirectChainIsFollowedHopByHop) {
  const FetchResult r = fetch_one("/chain/3");
  EXPECT_EQ(r.failure, Failure::none);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.requests, 4u);
  EXPECT_EQ(server_.hits("/chain/0"), 1);
}

TEST_F(HttpChecker, TooManyRedirectsIsAFinding) {
  HttpCheckOptions o = fast_options();
  o.redirects = 2;
  const FetchResult r = fetch_one("/chain/3", o);
  EXPECT_EQ(r.failure, Failure::too_many_redirects);
  EXPECT_EQ(judged(r).outcome, LinkOutcome::broken);
  EXPECT_EQ(server_.hits("/chain/0"), 0);
}

TEST_F(HttpChecker, RedirectLoopIsBrokenNotEndless) {
  const FetchResult r = fetch_one("/loop/a");
  EXPECT_EQ(r.failure, Failure::redirect_loop);
  EXPECT_EQ(r.requests, 2u);
  const LinkCheck c = judged(r);
  EXPECT_EQ(c.outcome, LinkOutcome::broken);
  EXPECT_NE(c.detail.find("redirect loop"), std::string::npos) << c.detail;
  EXPECT_NE(c.detail.find("/loop/b"), std::string::npos) << c.detail;
}

TEST_F(HttpChecker, RateLimitHonoursRetryAfterThenSucceeds) {
  const auto start = Clock::now();
  const FetchResult r = fetch_one("/ratelimit");
  const auto elapsed = Clock::now() - start;
  EXPECT_EQ(r.failure, Failure::none);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.requests, 2u);
  EXPECT_EQ(judged(r).outcome, LinkOutcome::ok);
  // Retry-After: 1 is honoured, not replaced by the 20 ms backoff.
  EXPECT_GE(elapsed, 950ms);
}

TEST_F(HttpChecker, RetryAfterBeyondTheLimitIsUnreachableNotBroken) {
  const auto start = Clock::now();
  const FetchResult r = fetch_one("/ratelimit-forever");
  EXPECT_LT(Clock::now() - start, 1s);
  EXPECT_EQ(r.failure, Failure::rate_limited);
  EXPECT_EQ(r.requests, 1u);
  EXPECT_EQ(judged(r).outcome, LinkOutcome::unreachable);
}

TEST_F(HttpChecker, LongRetryAfterOnServiceUnavailableIsRateLimitedAtOnce) {
  const auto start = Clock::now();
  const FetchResult r = fetch_one("/unavailable-long");
  EXPECT_LT(Clock::now() - start, 1s);
  EXPECT_EQ(r.failure, Failure::rate_limited);
  EXPECT_EQ(r.requests, 1u);
  const LinkCheck c = judged(r);
  EXPECT_EQ(c.outcome, LinkOutcome::unreachable);
  EXPECT_EQ(c.detail, "rate-limited, retry after 59 s");
}

TEST_F(HttpChecker, DefaultRetryAfterCapIsTenSeconds) {
  HttpCheckOptions o = fast_options();
  o.retry_wait_max = HttpCheckOptions().retry_wait_max;
  EXPECT_EQ(o.retry_wait_max, 10s);
  EXPECT_EQ(HttpCheckOptions().link_timeout, 30s);
  const FetchResult r = fetch_one("/unavailable-long", o);
  EXPECT_EQ(judged(r).detail, "rate-limited, retry after 59 s");
}

TEST_F(HttpChecker, RetriesStopAtTheLinkTimeout) {
  HttpCheckOptions o = fast_options();
  o.link_timeout = 1500ms;
  const auto start = Clock::now();
  const FetchResult r = fetch_one("/ratelimit-each-second", o);
  const auto elapsed = Clock::now() - start;
  // The first retry, a second later, fits; the second would end past 1.5 s.
  EXPECT_GE(elapsed, 950ms);
  EXPECT_LT(elapsed, 1400ms);
  EXPECT_EQ(r.requests, 2u);
  EXPECT_EQ(r.failure, Failure::timeout);
  const LinkCheck c = judged(r);
  EXPECT_EQ(c.outcome, LinkOutcome::unreachable);
  EXPECT_NE(c.detail.find("gave up after 1.5 s"), std::string::npos) << c.detail;
}

TEST_F(HttpChecker, TrickledRedirectHopsStopAtTheLinkTimeout) {
  HttpCheckOptions o = fast_options();
  o.timeout = 10s;  // each hop alone is well within its own timeout
  o.link_timeout = 600ms;
  o.redirects = 20;
  const auto start = Clock::now();
  const FetchResult r = fetch_one("/trickle/10", o);
  EXPECT_LT(Clock::now() - start, 1400ms);  // ten hops take over 1.6 s
  EXPECT_EQ(r.failure, Failure::timeout);
  EXPECT_LE(r.requests, 5u);
  EXPECT_EQ(server_.hits("/trickle/0"), 0);
  EXPECT_NE(judged(r).detail.find("gave up after 0.6 s"), std::string::npos) << r.detail;
}

TEST_F(HttpChecker, TarpitStopsAtTheLinkTimeout) {
  HttpCheckOptions o = fast_options();
  o.timeout = 10s;  // each request alone would be allowed to trickle on
  o.link_timeout = 700ms;
  const auto start = Clock::now();
  const FetchResult r = fetch_one("/tarpit", o);
  EXPECT_LT(Clock::now() - start, 1200ms);
  EXPECT_EQ(r.failure, Failure::timeout);
  const LinkCheck c = judged(r);
  EXPECT_EQ(c.outcome, LinkOutcome::unreachable);
  EXPECT_NE(c.detail.find("gave up after 0.7 s"), std::string::npos) << c.detail;
}

TEST_F(HttpChecker, HugeLocationHeaderIsNamedForWhatItIs) {
  const FetchResult r = fetch_one("/huge-location");
  EXPECT_EQ(r.failure, Failure::other);
  const LinkCheck c = judged(r);
  EXPECT_EQ(c.outcome, LinkOutcome::unreachable);
  EXPECT_EQ(c.detail, "the response headers are larger than 64 KB");
  EXPECT_EQ(server_.hits("/ok"), 0);
}

TEST_F(HttpChecker, CredentialsInARedirectTargetAreNeverSent) {
  const FetchResult r = fetch_one("/credentials-location");
  EXPECT_EQ(r.failure, Failure::none);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(server_.hits("/ok"), 1);
  EXPECT_EQ(server_.credentials(), 0);
}

TEST_F(HttpChecker, ServiceUnavailableIsRetriedWithBackoff) {
  const FetchResult once = fetch_one("/unavailable-once");
  EXPECT_EQ(once.status, 200);
  EXPECT_EQ(once.requests, 2u);
  HttpCheckOptions o = fast_options();
  o.retries = 2;
  const FetchResult always = fetch_one("/unavailable", o);
  EXPECT_EQ(always.failure, Failure::none);
  EXPECT_EQ(always.status, 503);
  EXPECT_EQ(always.requests, 3u);  // the first and two retries
  EXPECT_EQ(judged(always).outcome, LinkOutcome::broken);
}

TEST_F(HttpChecker, SlowResponsePastTheTimeoutIsUnreachable) {
  const auto start = Clock::now();
  const FetchResult r = fetch_one("/slow");
  EXPECT_LT(Clock::now() - start, 1200ms);
  EXPECT_EQ(r.failure, Failure::timeout);
  EXPECT_EQ(r.requests, 1u);  // a timeout is not retried
  const LinkCheck c = judged(r);
  EXPECT_EQ(c.outcome, LinkOutcome::unreachable);
  EXPECT_NE(c.detail.find("timed out"), std::string::npos) << c.detail;
}

TEST_F(HttpChecker, ServerThatRefusesHeadIsAskedWithGet) {
  const FetchResult r = fetch_one("/no-head");
  EXPECT_EQ(r.failure, Failure::none);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.requests, 2u);
  EXPECT_EQ(server_.method("HEAD"), 1);
  EXPECT_EQ(server_.method("GET"), 1);
}

TEST_F(HttpChecker, HugeBodyIsCutAtTheCap) {
  const auto start = Clock::now();
  const FetchResult r = fetch_one("/huge");
  EXPECT_LT(Clock::now() - start, 2s);
  EXPECT_EQ(r.failure, Failure::none);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(judged(r).outcome, LinkOutcome::ok);
  // What the server wrote before the checker hung up: the cap plus what the sockets buffer.
  EXPECT_LT(huge_bytes_.load(), 32u * 1024 * 1024);
}

TEST_F(HttpChecker, RefusedConnectionIsUnreachable) {
  const std::string url = "http://127.0.0.1:" + std::to_string(testing::closed_port()) + "/x";
  const FetchResult r = fetch({url}).front();
  EXPECT_EQ(r.failure, Failure::refused);
  EXPECT_EQ(r.status, 0);
  const LinkCheck c = judged(r);
  EXPECT_EQ(c.outcome, LinkOutcome::unreachable);
}

TEST_F(HttpChecker, TlsFailureIsUnreachable) {
  // A TLS handshake with a server that speaks plain HTTP fails.
  std::string url = server_.url("/ok");
  url.replace(0, 4, "https");
  const FetchResult r = fetch({url}).front();
  EXPECT_EQ(r.failure, Failure::tls) << r.detail;
  const LinkCheck c = judged(r);
  EXPECT_EQ(c.outcome, LinkOutcome::unreachable);
  EXPECT_NE(c.detail.find("TLS"), std::string::npos) << c.detail;
}

TEST_F(HttpChecker, PerHostAndGlobalLimits) {
  std::vector<std::string> urls;
  for (int i = 0; i < 12; ++i) urls.push_back(server_.url("/busy/" + std::to_string(i)));
  HttpCheckOptions o = fast_options();
  o.per_host = 2;
  o.concurrency = 32;
  for (const FetchResult& r : fetch(urls, o)) EXPECT_EQ(r.status, 200);
  EXPECT_EQ(server_.max_in_flight(), 2);

  // Two hosts (127.0.0.1 and localhost) of the same server: the global limit binds.
  std::vector<std::string> two_hosts;
  for (int i = 0; i < 12; ++i) {
    std::string url = server_.url("/busy/" + std::to_string(100 + i));
    if (i % 2) url.replace(url.find("127.0.0.1"), 9, "localhost");
    two_hosts.push_back(url);
  }
  o.per_host = 4;
  o.concurrency = 3;
  const auto results = fetch(two_hosts, o);
  for (const FetchResult& r : results) EXPECT_EQ(r.status, 200);
  EXPECT_LE(server_.max_in_flight(), 3);
}

TEST_F(HttpChecker, EachUrlOfTheRunIsFetchedOnceAndWithoutCredentials) {
  const std::string ok = server_.url("/ok");
  std::string with_user = ok;
  with_user.insert(std::string("http://").size(), "user:secret@");
  const std::string text =
      "[a](" + ok + ") [b](" + ok + "#top) <" + ok + "> " + ok + "\n\n[c](" + with_user + ")\n";
  const std::vector<std::string> urls = collect_external_urls("doc.md", text);
  ASSERT_EQ(urls, std::vector<std::string>{ok});
  for (const FetchResult& r : fetch(urls)) EXPECT_EQ(r.status, 200);
  EXPECT_EQ(server_.hits("/ok"), 1);
  EXPECT_EQ(server_.credentials(), 0);
}

TEST_F(HttpChecker, SecondRunWithinTheAgeNeedsNoNetwork) {
  const testing::ScratchDir dir;
  LinkSettings settings;
  settings.timeout_ms = 400;
  settings.connect_timeout_ms = 300;
  ExternalCheckOptions options;
  options.cache_path = dir.file("cache/links.json");
  const std::string refused = "http://127.0.0.1:" + std::to_string(testing::closed_port()) + "/";
  const std::vector<std::string> urls = {server_.url("/ok"), server_.url("/status/404"),
                                         server_.url("/chain/1"), refused};
  ExternalCheckStats first;
  std::string error;
  auto results = check_external_urls(urls, settings, options, first, error);
  ASSERT_TRUE(results) << error;
  EXPECT_EQ(results->find(urls[0])->outcome, LinkOutcome::ok);
  EXPECT_EQ(results->find(urls[1])->outcome, LinkOutcome::broken);
  EXPECT_EQ(results->find(urls[3])->outcome, LinkOutcome::unreachable);
  EXPECT_EQ(first.from_cache, 0u);
  const int requests = server_.total();

  ExternalCheckStats second;
  results = check_external_urls({urls[0], urls[1], urls[2]}, settings, options, second, error);
  ASSERT_TRUE(results) << error;
  EXPECT_EQ(server_.total(), requests);  // nothing asked of the server
  EXPECT_EQ(second.from_cache, 3u);
  EXPECT_EQ(second.requests, 0u);
  EXPECT_EQ(results->find(urls[1])->outcome, LinkOutcome::broken);
  EXPECT_EQ(results->find(urls[1])->detail, "404 Not Found");

  // A failure to check is not cached: the next run tries again.
  ExternalCheckStats third;
  results = check_external_urls({refused}, settings, options, third, error);
  EXPECT_EQ(third.from_cache, 0u);

  // --no-cache: no cache path; everything is asked again.
  ExternalCheckStats uncached;
  results = check_external_urls({urls[0]}, settings, ExternalCheckOptions{}, uncached, error);
  EXPECT_EQ(uncached.from_cache, 0u);
  EXPECT_EQ(server_.hits("/ok"), 2);
}

TEST_F(HttpChecker, TheCacheAloneAnswersWithoutTheNetwork) {
  const testing::ScratchDir dir;
  LinkSettings settings;
  ExternalCheckOptions options;
  options.cache_path = dir.file("cache/links.json");
  ExternalCheckStats stats;
  std::string error;
  ASSERT_TRUE(check_external_urls({server_.url("/ok"), server_.url("/status/404")}, settings,
                                  options, stats, error))
      << error;
  const int requests = server_.total();

  const LinkResults cached = cached_external_results(settings, options.cache_path);
  EXPECT_EQ(server_.total(), requests);
  EXPECT_EQ(cached.size(), 2u);
  EXPECT_EQ(cached.find(server_.url("/ok"))->outcome, LinkOutcome::ok);
  EXPECT_EQ(cached.find(server_.url("/status/404"))->outcome, LinkOutcome::broken);
  // Judged under the settings of now, as a run's would be.
  settings.accept = {{200, 299}, {404, 404}};
  EXPECT_EQ(cached_external_results(settings, options.cache_path)
                .find(server_.url("/status/404"))
                ->outcome,
            LinkOutcome::ok);
  settings.exclude = {server_.url("/status/*")};
  EXPECT_EQ(cached_external_results(settings, options.cache_path).find(server_.url("/status/404")),
            nullptr);
  EXPECT_EQ(cached_external_results(settings, "").size(), 0u);
  EXPECT_EQ(server_.total(), requests);
}

TEST_F(HttpChecker, ExcludedUrlsAreNeverFetched) {
  LinkSettings settings;
  settings.exclude = {server_.url("/status/*")};
  ExternalCheckStats stats;
  std::string error;
  const auto results = check_external_urls({server_.url("/status/404"), server_.url("/ok")},
                                           settings, {}, stats, error);
  ASSERT_TRUE(results) << error;
  EXPECT_EQ(results->find(server_.url("/status/404")), nullptr);
  EXPECT_NE(results->find(server_.url("/ok")), nullptr);
  EXPECT_EQ(server_.hits("/status/404"), 0);
}

TEST_F(HttpChecker, ProgressReportsEveryUrl) {
  std::vector<std::pair<size_t, size_t>> calls;
  std::string error;
  const auto results = fetch_urls(
      {server_.url("/ok"), server_.url("/chain/1")}, fast_options(),
      [&](size_t done, size_t total) { calls.emplace_back(done, total); }, error);
  ASSERT_TRUE(results);
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.front(), (std::pair<size_t, size_t>{0, 2}));
  EXPECT_EQ(calls.back(), (std::pair<size_t, size_t>{2, 2}));
}

// ---- the cache file on its own

TEST(LinkCacheFile, AgeLimitAndRoundTrip) {
  const testing::ScratchDir dir;
  const std::string path = dir.file("links.json");
  FetchResult ok;
  ok.status = 200;
  {
    LinkCache cache(path, 100, 1000);
    cache.store("https://a.example/", ok);
    ASSERT_FALSE(cache.save());
  }
  LinkCache fresh(path, 100, 1050);
  fresh.load();
  ASSERT_NE(fresh.find("https://a.example/"), nullptr);
  EXPECT_EQ(fresh.find("https://a.example/")->status, 200);
  LinkCache stale(path, 100, 1100);
  stale.load();
  EXPECT_EQ(stale.find("https://a.example/"), nullptr);
  LinkCache disabled(path, 0, 1050);
  disabled.load();
  EXPECT_EQ(disabled.find("https://a.example/"), nullptr);
}

TEST(LinkCacheFile, CorruptOrUnreadableFilesAreIgnored) {
  const testing::ScratchDir dir;
  for (const char* bytes : {"", "{", "not json at all", "{\"version\":1,\"entries\":[1,2]}",
                            "{\"version\":1,\"entries\":{\"u\":{\"checked\":\"x\"}}}",
                            "{\"version\":99,\"entries\":{}}", "\xff\xfe\x00garbage"}) {
    const std::string path = dir.write("corrupt.json", bytes);
    LinkCache cache(path, 100, 1000);
    cache.load();
    EXPECT_EQ(cache.find("u"), nullptr) << bytes;
    FetchResult ok;
    ok.status = 200;
    cache.store("u", ok);
    EXPECT_FALSE(cache.save()) << "a corrupt cache is replaced";
  }
  // A folder where the file should be: unreadable, and unwritable, but never fatal.
  std::filesystem::create_directories(dir.path() / "folder.json");
  LinkCache cache(dir.file("folder.json"), 100, 1000);
  cache.load();
  FetchResult ok;
  ok.status = 200;
  cache.store("u", ok);
  EXPECT_TRUE(cache.save().has_value());
}

TEST(LinkCacheFile, OnlyAnswersAreWorthKeeping) {
  FetchResult r;
  r.status = 404;
  EXPECT_TRUE(LinkCache::worth_caching(r));
  r.status = 429;
  EXPECT_FALSE(LinkCache::worth_caching(r));
  r.status = 503;
  EXPECT_FALSE(LinkCache::worth_caching(r));
  r.status = 0;
  for (const Failure f : {Failure::timeout, Failure::refused, Failure::tls, Failure::rate_limited,
                          Failure::no_host, Failure::other}) {
    r.failure = f;
    EXPECT_FALSE(LinkCache::worth_caching(r));
  }
  r.failure = Failure::redirect_loop;
  EXPECT_TRUE(LinkCache::worth_caching(r));
}

}  // namespace
}  // namespace qadeck
