#include "qadeck/file_watcher.h"

#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/config.h"
#include "core/file_walker.h"

namespace qadeck::cli {
namespace fs = std::filesystem;
namespace {

constexpr uint32_t watched_events = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
                                    IN_DELETE | IN_DELETE_SELF | IN_ONLYDIR;
// How long changes must pause before a run starts: an editor's save is several events.
constexpr int settle_ms = 150;

// (Those in .config/ are not seen: hidden folders are not watched.)
bool is_config_name(std::string_view name) {
  return std::find(config_file_names.begin(), config_file_names.end(), name) !=
         config_file_names.end();
}

}  // namespace

FileWatcher::FileWatcher(const std::vector<std::string>& paths) {
  // Blocked here, the signals wait in the signalfd: each run ends before one is handled.
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGINT);
  sigaddset(&mask, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &mask, nullptr);
  signals_ = signalfd(-1, &mask, SFD_CLOEXEC);
  inotify_ = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  if (signals_ < 0 || inotify_ < 0) {
    error_ = std::string("cannot watch files: ") + std::strerror(errno);
    return;
  }
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      watch_tree(p);
    } else {
      const fs::path parent = fs::path(p).parent_path();
      watch_tree(parent.empty() ? "." : parent.string());
    }
    if (error_) return;
  }
}

FileWatcher::~FileWatcher() {
  if (inotify_ >= 0) close(inotify_);
  if (signals_ >= 0) close(signals_);
}

void FileWatcher::watch_tree(const std::string& dir) {
  std::error_code ec;
  const std::string key = fs::weakly_canonical(dir, ec).string();
  if (!watched_.insert(ec ? dir : key).second) return;
  const int wd = inotify_add_watch(inotify_, dir.c_str(), watched_events);
  if (wd < 0) {
    error_ = "cannot watch " + dir + ": " + std::strerror(errno);
    return;
  }
  if (static_cast<size_t>(wd) >= dirs_.size()) dirs_.resize(static_cast<size_t>(wd) + 1);
  dirs_[static_cast<size_t>(wd)] = dir;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::directory_iterator(); it.increment(ec)) {
    // As the walker: hidden folders (.git among them) hold nothing lint reads.
    if (it->is_directory(ec) && !it->path().filename().string().starts_with(".")) {
      watch_tree(it->path().string());
      if (error_) return;
    }
  }
}

bool FileWatcher::drain(bool& config_changed) {
  bool relevant = false;
  alignas(inotify_event) char buffer[16384];
  for (;;) {
    const ssize_t n = read(inotify_, buffer, sizeof buffer);
    if (n <= 0) break;
    for (ssize_t at = 0; at < n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      const std::string name = event->len ? event->name : "";
      const bool is_dir = event->mask & IN_ISDIR;
      if (is_dir && (event->mask & (IN_CREATE | IN_MOVED_TO)) && !name.starts_with(".") &&
          event->wd >= 0 && static_cast<size_t>(event->wd) < dirs_.size()) {
        watch_tree((fs::path(dirs_[static_cast<size_t>(event->wd)]) / name).string());
        error_.reset();  // a folder gone again before it was watched is no error
      }
      if (is_config_name(name)) config_changed = true;
      relevant = relevant || is_dir || is_config_name(name) || is_markdown_path(name) ||
                 (event->mask & (IN_DELETE_SELF | IN_Q_OVERFLOW));
    }
  }
  return relevant;
}

FileWatcher::Wake FileWatcher::wait(bool& config_changed) {
  config_changed = false;
  bool pending = false;
  for (;;) {
    pollfd fds[2] = {{signals_, POLLIN, 0}, {inotify_, POLLIN, 0}};
    const int ready = poll(fds, 2, pending ? settle_ms : -1);
    if (ready < 0 && errno == EINTR) continue;
    if (fds[0].revents & POLLIN) return Wake::interrupted;
    if (ready == 0) return Wake::changed;  // the changes have settled
    if (fds[1].revents & POLLIN) pending = drain(config_changed) || pending;
  }
}

}  // namespace qadeck::cli
