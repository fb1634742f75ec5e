// Libraries that only some commands use (libcurl for external links; SQLite and libzip for the
// Anki export) are opened with dlopen when first needed rather than linked into qadeck: every
// linked library costs every run its loading and symbol relocation (libzip with the libcrypto it
// pulls in, and SQLite, were most of `qadeck --version`'s start-up), and most runs, the
// pre-commit hook's, only lint. Where such a library is missing, only the command that needs it
// fails, with an error result naming the package to install.
#pragma once

#include <stdexcept>
#include <string>

namespace qadeck {

// A library that the lint itself needs (libcld2) could not be opened or lacks a function:
// an environment problem deep inside a rule, where there is no error result to return. The
// command line reports its message as an error (exit 2), not as an internal error.
class LibraryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SharedLibrary {
 public:
  // Opens `soname` (for example "libzip.so.4"). On failure, error() is "cannot load `name`
  // (install `package`): " and the loader's reason. The library is never closed, so what
  // resolve() returns stays valid until the process ends. `lazy` binds the library's own calls
  // (and its dependencies') on first use rather than at opening: for libcld2, whose shared
  // libstdc++ has thousands of them, binding them all cost more than the rest of start-up.
  SharedLibrary(const char* soname, const char* name, const char* package, bool lazy = false);

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
                        ResolveAll resolve_all, bool lazy = false) {
  SharedLibrary library(soname, name, package, lazy);
  LoadedApi<Api> loaded;
  resolve_all(library, loaded.api);
  loaded.error = library.error();
  loaded.opened = library.loaded();
  return loaded;
}

}  // namespace qadeck
