// libcurl, loaded when the first external link is checked rather than linked into qadeck:
// libcurl and the thirty libraries it pulls in cost every run several milliseconds of start-up
// (measured: about as much as a whole lint of a 60 KB document), and most runs — the
// pre-commit hook's — never go online. Only http_checker.cpp uses it; no curl type leaves
// tools/links.
#pragma once

#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>

#include <string>

namespace qadeck::curl {

// The libcurl functions qadeck calls, resolved from libcurl.so.4.
struct Api {
  CURLcode (*global_init)(long flags);
  CURL* (*easy_init)();
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  void (*easy_cleanup)(CURL*);
  const char* (*easy_strerror)(CURLcode);
  CURLM* (*multi_init)();
  CURLMcode (*multi_setopt)(CURLM*, CURLMoption, ...);
  CURLMcode (*multi_add_handle)(CURLM*, CURL*);
  CURLMcode (*multi_remove_handle)(CURLM*, CURL*);
  CURLMcode (*multi_perform)(CURLM*, int* running);
  CURLMcode (*multi_poll)(CURLM*, curl_waitfd extra[], unsigned extra_count, int timeout_ms,
                          int* numfds);
  CURLMsg* (*multi_info_read)(CURLM*, int* left);
  CURLMcode (*multi_cleanup)(CURLM*);
  curl_slist* (*slist_append)(curl_slist*, const char*);
  void (*slist_free_all)(curl_slist*);
  char* (*version)();
};

// Loads libcurl once (thread-safe) and initialises it; null with `error` set when it cannot
// be loaded or is older than 7.66 (curl_multi_poll, CURLINFO_RETRY_AFTER).
const Api* api(std::string& error);

}  // namespace qadeck::curl
