// Why a host name did not resolve. libcurl says "could not resolve host" both when the name
// does not exist and when no resolver answered (offline, no nameserver, timeouts), and only the
// first makes a link broken. So a name curl could not resolve is looked up again, here, with
// getaddrinfo, whose error codes tell the two apart.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace qadeck {

enum class HostLookup {
  missing,    // the DNS answered that the name does not exist, or has no address
  no_answer,  // no resolver gave an answer: nothing can be said of the name
  found,      // the name resolves (now)
};

// What getaddrinfo's return value says (0 or an EAI_ code).
HostLookup host_lookup_from(int getaddrinfo_result);

// Looks the name up with getaddrinfo (bounded by the system resolver's own timeouts).
HostLookup look_up_host(const std::string& name);

using HostResolver = std::function<HostLookup(const std::string& name)>;

// Looks each name up, several at once (at most `concurrency`); results in the order of
// `names`.
std::vector<HostLookup> look_up_hosts(const std::vector<std::string>& names,
                                      const HostResolver& resolve, unsigned concurrency);

// The host name of an http(s) URL: without userinfo, port or the brackets of an IPv6 address.
std::string url_host_name(const std::string& url);

}  // namespace qadeck
