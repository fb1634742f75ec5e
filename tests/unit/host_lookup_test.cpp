// Why a host name did not resolve: getaddrinfo's codes, and the no_host results of a fetch
// re-classified with a resolver standing in for the DNS. (The real resolver, answering
// NXDOMAIN or not at all, is exercised end to end by tests/e2e/test_dns.py.)
#include <gtest/gtest.h>

#include <netdb.h>

#include <atomic>
#include <map>

#include "links/host_lookup.h"
#include "links/http_checker.h"

namespace qadeck {
namespace {

using Failure = FetchResult::Failure;

TEST(HostLookup, OnlyTheDnsSayingNoIsMissing) {
  EXPECT_EQ(host_lookup_from(0), HostLookup::found);
  EXPECT_EQ(host_lookup_from(EAI_NONAME), HostLookup::missing);
  EXPECT_EQ(host_lookup_from(EAI_NODATA), HostLookup::missing);
  EXPECT_EQ(host_lookup_from(EAI_ADDRFAMILY), HostLookup::missing);
  for (const int offline : {EAI_AGAIN, EAI_FAIL, EAI_SYSTEM, EAI_MEMORY}) {
    EXPECT_EQ(host_lookup_from(offline), HostLookup::no_answer) << offline;
  }
}

TEST(HostLookup, HostNameOfAUrl) {
  EXPECT_EQ(url_host_name("https://example.org/a?b#c"), "example.org");
  EXPECT_EQ(url_host_name("http://user:pw@example.org:8080/x"), "example.org");
  EXPECT_EQ(url_host_name("http://[2001:db8::1]:80/"), "2001:db8::1");
  EXPECT_EQ(url_host_name("https://example.org"), "example.org");
}

FetchResult unresolved(const std::string& host) {
  FetchResult r;
  r.failure = Failure::no_host;
  r.host = host;
  r.detail = "Could not resolve host: " + host;
  return r;
}

TEST(HostLookup, UnresolvedHostsAreAskedAgainOnceEach) {
  std::vector<FetchResult> results = {unresolved("gone.example"), unresolved("offline.example"),
                                      unresolved("gone.example"), unresolved("back.example"),
                                      FetchResult{}};
  results.back().status = 200;
  const std::map<std::string, HostLookup> dns = {{"gone.example", HostLookup::missing},
                                                 {"offline.example", HostLookup::no_answer},
                                                 {"back.example", HostLookup::found}};
  std::atomic<int> asked{0};
  classify_unresolved(
      results,
      [&](const std::string& name) {
        ++asked;
        return dns.at(name);
      },
      4);
  EXPECT_EQ(asked, 3);
  EXPECT_EQ(results[0].failure, Failure::no_host);
  EXPECT_EQ(results[0].detail, "Could not resolve host: gone.example");
  EXPECT_EQ(results[2].failure, Failure::no_host);
  EXPECT_EQ(results[1].failure, Failure::no_resolver);
  EXPECT_EQ(results[1].detail, "no name server could say whether offline.example exists");
  EXPECT_EQ(results[3].failure, Failure::no_resolver);
  EXPECT_EQ(results[3].detail, "back.example did not resolve, then did");
  EXPECT_EQ(results[4].failure, Failure::none);
}

TEST(HostLookup, NothingUnresolvedAsksNothing) {
  std::vector<FetchResult> results(3);
  classify_unresolved(
      results,
      [](const std::string&) -> HostLookup {
        ADD_FAILURE() << "asked";
        return HostLookup::found;
      },
      4);
}

TEST(HostLookup, ManyHostsWithFewThreads) {
  std::vector<FetchResult> results;
  for (int i = 0; i < 50; ++i) results.push_back(unresolved("h" + std::to_string(i) + ".example"));
  classify_unresolved(
      results,
      [](const std::string& name) {
        return name.size() % 2 ? HostLookup::missing : HostLookup::no_answer;
      },
      3);
  for (const FetchResult& r : results) {
    EXPECT_EQ(r.failure, r.host.size() % 2 ? Failure::no_host : Failure::no_resolver) << r.host;
  }
}

}  // namespace
}  // namespace qadeck
