// What `qadeck lint --watch` waits on: inotify watches on the linted folders (each folder
// below them too, and those created later) and on the folders of linted files, since editors
// save by writing a new file and renaming it over the old one; and, for their configuration
// files alone, on every folder above them (a configuration is found by walking up) and on the
// folder of an explicit --config.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace qadeck::cli {

class FileWatcher {
 public:
  // Nullopt error() when every path could be watched. A folder above them that cannot be
  // watched (not readable) is skipped: its configuration is seen by the next start.
  explicit FileWatcher(const std::vector<std::string>& paths,
                       const std::optional<std::string>& config = std::nullopt);
  ~FileWatcher();
  FileWatcher(const FileWatcher&) = delete;
  FileWatcher& operator=(const FileWatcher&) = delete;

  const std::optional<std::string>& error() const { return error_; }

  enum class Wake { changed, interrupted };
  // Blocks until a Markdown file or a configuration file changes (then waits until changes
  // stop for a moment, so that one save is one run), or until SIGINT or SIGTERM arrives.
  // `config_changed` is set when a configuration file was among the changes.
  Wake wait(bool& config_changed);

 private:
  struct Watched {
    std::string dir;
    bool tree = false;  // its Markdown files and folders count, not only configurations
  };

  void watch_tree(const std::string& dir);
  // Watches `dir` for its configuration files (and its .config/ for theirs).
  void watch_configs(const std::string& dir);
  // The watch descriptor of `dir`, or -1 with errno set.
  int add_watch(const std::string& dir, bool tree);
  bool is_config(const std::string& path) const;
  // Reads the pending events; true when one concerns a file lint reads.
  bool drain(bool& config_changed);

  int inotify_ = -1;
  int signals_ = -1;
  std::map<std::string, bool> watched_;  // canonical folder -> watched as a tree
  std::vector<Watched> dirs_;            // by watch descriptor
  std::optional<std::string> config_;    // the explicit --config, absolute and normal
  std::optional<std::string> error_;
};

}  // namespace qadeck::cli
