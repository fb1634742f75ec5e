#include "core/shared_library.h"

#include <dlfcn.h>

namespace qadeck {

SharedLibrary::SharedLibrary(const char* soname, const char* name, const char* package)
    : name_(name) {
  // RTLD_LOCAL: the library's symbols stay out of the global namespace, where they could
  // satisfy another library's lookups by accident.
  handle_ = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (!handle_) {
    const char* why = dlerror();
    error_ = "cannot load " + name_ + " (install " + package + "): " + (why ? why : "not found");
  }
}

void* SharedLibrary::lookup(const char* symbol) {
  if (!handle_) return nullptr;
  void* found = dlsym(handle_, symbol);
  if (!found && ok()) error_ = name_ + " lacks " + symbol;
  return found;
}

}  // namespace qadeck
