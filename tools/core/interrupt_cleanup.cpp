#include "core/interrupt_cleanup.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstring>

namespace qadeck {
namespace {

// Fixed storage: the handler may neither allocate nor lock.
constexpr int slot_count = 16;
constexpr size_t path_size = 4096;
char paths[slot_count][path_size];
std::atomic<bool> claimed[slot_count];  // a slot is taken
std::atomic<bool> used[slot_count];     // its path is complete: the handler may read it
std::atomic<pid_t> child{0};

// Removes what `name` (relative to `dir`) names, folders with their contents, a few levels
// deep (TeX and pandoc nest no deeper).
void remove_at(int dir, const char* name, int depth) {
  if (unlinkat(dir, name, 0) == 0 || errno == ENOENT) return;
  if (depth > 8) return;
  const int fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return;
  if (DIR* d = fdopendir(fd)) {
    while (const dirent* e = readdir(d)) {
      if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
      remove_at(fd, e->d_name, depth + 1);
    }
    closedir(d);
  } else {
    close(fd);
  }
  unlinkat(dir, name, AT_REMOVEDIR);
}

void on_signal(int sig) {
  const int saved = errno;
  if (const pid_t pid = child.load(); pid > 0) {
    kill(pid, SIGINT);
    while (waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  for (int i = 0; i < slot_count; ++i) {
    if (used[i].load()) remove_at(AT_FDCWD, paths[i], 0);
  }
  errno = saved;
  signal(sig, SIG_DFL);
  raise(sig);
}

}  // namespace

void install_interrupt_cleanup() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaddset(&action.sa_mask, SIGINT);
  sigaddset(&action.sa_mask, SIGTERM);
  for (const int sig : {SIGINT, SIGTERM}) {
    struct sigaction old {};
    // A signal ignored by whoever started us (nohup, a shell's background job) stays ignored.
    if (sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    sigaction(sig, &action, nullptr);
  }
}

InterruptCleanup::InterruptCleanup(const std::string& path) {
  if (path.empty() || path.size() >= path_size) return;
  for (int i = 0; i < slot_count; ++i) {
    bool expected = false;
    if (!claimed[i].compare_exchange_strong(expected, true)) continue;
    std::memcpy(paths[i], path.c_str(), path.size() + 1);
    used[i].store(true);
    slot_ = i;
    return;
  }
}

InterruptCleanup::~InterruptCleanup() {
  if (slot_ < 0) return;
  used[slot_].store(false);
  claimed[slot_].store(false);
}

void set_interruptible_child(pid_t pid) { child.store(pid); }

}  // namespace qadeck
