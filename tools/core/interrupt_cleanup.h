// What SIGINT and SIGTERM must not leave behind: temporary files and scratch folders, and a
// child process still writing into them. Once install_interrupt_cleanup() has run, a signal
// passes SIGINT on to the registered child (so that it cleans up after itself, as pandoc
// does), waits for it, removes the registered paths, and then ends the process by the same
// signal, as if it had not been caught.
#pragma once

#include <sys/types.h>

#include <string>

namespace qadeck {

void install_interrupt_cleanup();

// Registers a path for removal on interruption for the object's lifetime; folders are
// removed with their contents. Removing the path in the normal way is the owner's job.
class InterruptCleanup {
 public:
  explicit InterruptCleanup(const std::string& path);
  ~InterruptCleanup();
  InterruptCleanup(const InterruptCleanup&) = delete;
  InterruptCleanup& operator=(const InterruptCleanup&) = delete;

 private:
  int slot_ = -1;  // -1 when every slot was taken: then the path is not covered
};

// The child process a signal is passed on to while it runs; 0 for none.
void set_interruptible_child(pid_t pid);

}  // namespace qadeck
