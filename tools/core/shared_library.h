// Libraries that only some commands use (libcurl for external links; SQLite and libzip for the
// Anki export) are opened with dlopen when first needed rather than linked into qadeck: every
// linked library costs every run its loading and symbol relocation (libzip with the libcrypto it
// pulls in, and SQLite, were most of `qadeck --version`'s start-up), and most runs, the
// pre-commit hook's, only lint. Where such a library is missing, only the command that needs it
// fails, with an error result naming the package to install.
#pragma once

#include <string>

namespace qadeck {

class SharedLibrary {
 public:
  // Opens `soname` (for example "libzip.so.4"). On failure, error() is "cannot load `name`
  // (install `package`): " and the loader's reason. The library is never closed, so what
  // resolve() returns stays valid until the process ends.
  SharedLibrary(const char* soname, const char* name, const char* package);

  // Sets `function` to the library's symbol `symbol`. When the library lacks it, error() names
  // the first symbol missing and `function` is left null.
  template <typename F>
  void resolve(const char* symbol, F& function) {
    function = reinterpret_cast<F>(lookup(symbol));
  }

  bool loaded() const { return handle_ != nullptr; }  // opened, whether or not symbols lack
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

 private:
  void* lookup(const char* symbol);

  void* handle_ = nullptr;
  std::string name_;
  std::string error_;
};

// A struct of function pointers resolved from one library, or why it could not be.
template <typename Api>
struct LoadedApi {
  Api api{};
  std::string error;    // empty when the library opened and every function resolved
  bool opened = false;  // the library opened (an error is then a function it lacks)
};

// Opens `soname` and fills an Api with `resolve_all(SharedLibrary&, Api&)`. Callers keep the
// result in a function-local static, so a library is loaded once per process, thread-safely.
template <typename Api, typename ResolveAll>
LoadedApi<Api> load_api(const char* soname, const char* name, const char* package,
                        ResolveAll resolve_all) {
  SharedLibrary library(soname, name, package);
  LoadedApi<Api> loaded;
  resolve_all(library, loaded.api);
  loaded.error = library.error();
  loaded.opened = library.loaded();
  return loaded;
}

}  // namespace qadeck
