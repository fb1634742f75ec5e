#include "qadeck/file_watcher.h"

#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
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

fs::path absolute_normal(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::absolute(path, ec).lexically_normal();
  if (!p.has_filename() && p.has_parent_path()) p = p.parent_path();  // "dir/" -> "dir"
  return p;
}

}  // namespace

FileWatcher::FileWatcher(const std::vector<std::string>& paths,
                         const std::optional<std::string>& config) {
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
  // The folders above, each way the files' configurations may be found: through the path as
  // given (the lookup walks up from it) and through its real folders.
  for (const std::string& p : paths) {
    std::error_code ec;
    for (const fs::path& start :
         {absolute_normal(p), fs::weakly_canonical(absolute_normal(p), ec)}) {
      for (fs::path d = start.parent_path(); !d.empty(); d = d.parent_path()) {
        watch_configs(d.string());
        if (d == d.parent_path()) break;
      }
    }
  }
  if (config) {
    config_ = absolute_normal(*config).string();
    watch_configs(fs::path(*config_).parent_path().string());
  }
}

FileWatcher::~FileWatcher() {
  if (inotify_ >= 0) close(inotify_);
  if (signals_ >= 0) close(signals_);
}

int FileWatcher::add_watch(const std::string& dir, bool tree) {
  const int wd = inotify_add_watch(inotify_, dir.c_str(), watched_events);
  if (wd < 0) return wd;
  if (static_cast<size_t>(wd) >= dirs_.size()) dirs_.resize(static_cast<size_t>(wd) + 1);
  Watched& w = dirs_[static_cast<size_t>(wd)];
  // One folder reached two ways keeps one descriptor: a tree watch is never narrowed.
  w.tree = w.tree || tree;
  w.dir = dir;
  return wd;
}

void FileWatcher::watch_tree(const std::string& dir) {
  std::error_code ec;
  const std::string key = fs::weakly_canonical(dir, ec).string();
  auto [it, added] = watched_.try_emplace(ec ? dir : key, true);
  if (!added && it->second) return;
  it->second = true;
  if (add_watch(dir, true) < 0) {
    error_ = "cannot watch " + dir + ": " + std::strerror(errno);
    return;
  }
  for (fs::directory_iterator d(dir, fs::directory_options::skip_permission_denied, ec);
       !ec && d != fs::directory_iterator(); d.increment(ec)) {
    if (!d->is_directory(ec)) continue;
    const std::string name = d->path().filename().string();
    // As the walker: hidden folders (.git among them) hold nothing lint reads, but .config/
    // may hold the configuration.
    if (name == ".config") {
      watch_configs(d->path().string());
    } else if (!name.starts_with(".")) {
      watch_tree(d->path().string());
      if (error_) return;
    }
  }
}

void FileWatcher::watch_configs(const std::string& dir) {
  std::error_code ec;
  const std::string key = fs::weakly_canonical(dir, ec).string();
  if (!watched_.try_emplace(ec ? dir : key, false).second) return;
  if (add_watch(dir, false) < 0) return;
  const fs::path sub = fs::path(dir) / ".config";
  if (fs::path(dir).filename() != ".config" && fs::is_directory(sub, ec)) {
    watch_configs(sub.string());
  }
}

bool FileWatcher::is_config(const std::string& path) const {
  if (config_ && *config_ == path) return true;
  const fs::path p(path);
  return std::any_of(config_file_names.begin(), config_file_names.end(), [&](std::string_view n) {
    const fs::path name(n);
    return n.find('/') == std::string_view::npos
               ? p.filename() == name
               : p.filename() == name.filename() &&
                     p.parent_path().filename() == name.parent_path();
  });
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
      if (event->mask & IN_Q_OVERFLOW) {
        relevant = true;  // events were lost: any of them may have mattered
        continue;
      }
      if (event->wd < 0 || static_cast<size_t>(event->wd) >= dirs_.size()) continue;
      const Watched w = dirs_[static_cast<size_t>(event->wd)];
      const std::string name = event->len ? event->name : "";
      const std::string path = (fs::path(w.dir) / name).string();
      const bool is_dir = event->mask & IN_ISDIR;
      const bool created = event->mask & (IN_CREATE | IN_MOVED_TO);
      if (is_dir && created && name == ".config") {
        watch_configs(path);
        // It may hold a configuration already, made before the watch on it began.
        config_changed = true;
        relevant = true;
      } else if (is_dir && created && w.tree && !name.starts_with(".")) {
        watch_tree(path);
        error_.reset();  // a folder gone again before it was watched is no error
      }
      if (!name.empty() && is_config(path)) {
        config_changed = true;
        relevant = true;
      }
      if (w.tree) {
        relevant = relevant || is_dir || is_markdown_path(name) || (event->mask & IN_DELETE_SELF);
      }
    }
  }
  return relevant;
}

FileWatcher::Wake FileWatcher::wait(bool& config_changed) {
  using Clock = std::chrono::steady_clock;
  config_changed = false;
  // Set by a change that counts; other events (a folder above sees many) do not delay it.
  std::optional<Clock::time_point> settle_at;
  for (;;) {
    int timeout = -1;
    if (settle_at) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(*settle_at - Clock::now());
      timeout = static_cast<int>(std::max<long>(0, left.count()));
    }
    pollfd fds[2] = {{signals_, POLLIN, 0}, {inotify_, POLLIN, 0}};
    const int ready = poll(fds, 2, timeout);
    if (ready < 0 && errno == EINTR) continue;
    if (fds[0].revents & POLLIN) return Wake::interrupted;
    if (ready == 0) return Wake::changed;  // the changes have settled
    if ((fds[1].revents & POLLIN) && drain(config_changed)) {
      settle_at = Clock::now() + std::chrono::milliseconds(settle_ms);
    }
  }
}

}  // namespace qadeck::cli
