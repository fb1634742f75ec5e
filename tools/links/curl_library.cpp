#include "links/curl_library.h"

#include "core/shared_library.h"

namespace qadeck::curl {
namespace {

LoadedApi<Api> load() {
  LoadedApi<Api> l =
      load_api<Api>("libcurl.so.4", "libcurl", "libcurl4", [](SharedLibrary& library, Api& a) {
        library.resolve("curl_global_init", a.global_init);
        library.resolve("curl_easy_init", a.easy_init);
        library.resolve("curl_easy_setopt", a.easy_setopt);
        library.resolve("curl_easy_getinfo", a.easy_getinfo);
        library.resolve("curl_easy_cleanup", a.easy_cleanup);
        library.resolve("curl_easy_strerror", a.easy_strerror);
        library.resolve("curl_multi_init", a.multi_init);
        library.resolve("curl_multi_setopt", a.multi_setopt);
        library.resolve("curl_multi_add_handle", a.multi_add_handle);
        library.resolve("curl_multi_remove_handle", a.multi_remove_handle);
        library.resolve("curl_multi_perform", a.multi_perform);
        library.resolve("curl_multi_poll", a.multi_poll);
        library.resolve("curl_multi_info_read", a.multi_info_read);
        library.resolve("curl_multi_cleanup", a.multi_cleanup);
        library.resolve("curl_slist_append", a.slist_append);
        library.resolve("curl_slist_free_all", a.slist_free_all);
        library.resolve("curl_version", a.version);
      });
  if (!l.error.empty()) {
    if (l.opened) l.error += " (qadeck needs libcurl 7.66 or later)";
    return l;
  }
  if (l.api.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    l.error = "libcurl failed to initialise";
  }
  return l;
}

}  // namespace

const Api* api(std::string& error) {
  static const LoadedApi<Api> loaded = load();
  if (!loaded.error.empty()) {
    error = loaded.error;
    return nullptr;
  }
  return &loaded.api;
}

}  // namespace qadeck::curl
