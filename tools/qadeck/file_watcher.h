// What `qadeck lint --watch` waits on: inotify watches on the linted folders (each folder
// below them too, and those created later) and on the folders of linted files, since editors
// save by writing a new file and renaming it over the old one.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace qadeck::cli {

class FileWatcher {
 public:
  // Nullopt error() when every path could be watched.
  explicit FileWatcher(const std::vector<std::string>& paths);
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
  void watch_tree(const std::string& dir);
  // Reads the pending events; true when one concerns a file lint reads.
  bool drain(bool& config_changed);

  int inotify_ = -1;
  int signals_ = -1;
  std::set<std::string> watched_;
  std::vector<std::string> dirs_;  // by watch descriptor
  std::optional<std::string> error_;
};

}  // namespace qadeck::cli
