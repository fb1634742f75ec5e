#include "links/host_lookup.h"

#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <thread>

namespace qadeck {

HostLookup host_lookup_from(int result) {
  switch (result) {
    case 0:
      return HostLookup::found;
    // The name server's answers: NXDOMAIN, and a name with no address (of any family).
    case EAI_NONAME:
#ifdef EAI_NODATA
    case EAI_NODATA:
#endif
#ifdef EAI_ADDRFAMILY
    case EAI_ADDRFAMILY:
#endif
      return HostLookup::missing;
    // EAI_AGAIN (a timeout, SERVFAIL, no name server reachable), EAI_FAIL, EAI_SYSTEM, …:
    // the name may well exist.
    default:
      return HostLookup::no_answer;
  }
}

HostLookup look_up_host(const std::string& name) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int result = getaddrinfo(name.c_str(), nullptr, &hints, &found);
  if (found) freeaddrinfo(found);
  return host_lookup_from(result);
}

std::vector<HostLookup> look_up_hosts(const std::vector<std::string>& names,
                                      const HostResolver& resolve, unsigned concurrency) {
  std::vector<HostLookup> results(names.size(), HostLookup::no_answer);
  std::atomic<size_t> next{0};
  const auto work = [&] {
    for (size_t i = next++; i < names.size(); i = next++) results[i] = resolve(names[i]);
  };
  const size_t threads = std::min<size_t>(std::max(concurrency, 1u), names.size());
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return results;
}

std::string url_host_name(const std::string& url) {
  const size_t scheme_end = url.find("://");
  const size_t begin = scheme_end == std::string::npos ? 0 : scheme_end + 3;
  const size_t end = std::min(url.find_first_of("/?#", begin), url.size());
  std::string authority = url.substr(begin, end - begin);
  if (const size_t at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  if (authority.starts_with('[')) return authority.substr(1, authority.find(']') - 1);
  return authority.substr(0, authority.find(':'));
}

}  // namespace qadeck
