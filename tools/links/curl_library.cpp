#include "links/curl_library.h"

#include <dlfcn.h>

#include <mutex>

namespace qadeck::curl {
namespace {

struct Loaded {
  Api api{};
  std::string error;
};

template <typename F>
bool resolve(void* library, const char* name, F& out, std::string& error) {
  void* symbol = dlsym(library, name);
  if (!symbol) {
    error = std::string("libcurl lacks ") + name + " (qadeck needs libcurl 7.66 or later)";
    return false;
  }
  out = reinterpret_cast<F>(symbol);
  return true;
}

Loaded load() {
  Loaded l;
  void* library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    const char* why = dlerror();
    l.error = std::string("cannot load libcurl (install libcurl4): ") + (why ? why : "not found");
    return l;
  }
  Api& a = l.api;
  std::string& e = l.error;
  const bool all = resolve(library, "curl_global_init", a.global_init, e) &&
                   resolve(library, "curl_easy_init", a.easy_init, e) &&
                   resolve(library, "curl_easy_setopt", a.easy_setopt, e) &&
                   resolve(library, "curl_easy_getinfo", a.easy_getinfo, e) &&
                   resolve(library, "curl_easy_cleanup", a.easy_cleanup, e) &&
                   resolve(library, "curl_easy_strerror", a.easy_strerror, e) &&
                   resolve(library, "curl_multi_init", a.multi_init, e) &&
                   resolve(library, "curl_multi_setopt", a.multi_setopt, e) &&
                   resolve(library, "curl_multi_add_handle", a.multi_add_handle, e) &&
                   resolve(library, "curl_multi_remove_handle", a.multi_remove_handle, e) &&
                   resolve(library, "curl_multi_perform", a.multi_perform, e) &&
                   resolve(library, "curl_multi_poll", a.multi_poll, e) &&
                   resolve(library, "curl_multi_info_read", a.multi_info_read, e) &&
                   resolve(library, "curl_multi_cleanup", a.multi_cleanup, e) &&
                   resolve(library, "curl_slist_append", a.slist_append, e) &&
                   resolve(library, "curl_slist_free_all", a.slist_free_all, e) &&
                   resolve(library, "curl_version", a.version, e);
  if (!all) return l;
  if (a.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    l.error = "libcurl failed to initialise";
  }
  // The library stays loaded until the process ends: nothing unloads it.
  return l;
}

}  // namespace

const Api* api(std::string& error) {
  static const Loaded loaded = load();
  if (!loaded.error.empty()) {
    error = loaded.error;
    return nullptr;
  }
  return &loaded.api;
}

}  // namespace qadeck::curl
