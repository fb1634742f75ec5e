// The lint cache: what linting one file produced, kept on disk so that a re-run over files
// that did not change parses nothing. An entry is keyed by the file's path and its effective
// settings, and holds the hash of the text it was made from, the build of qadeck that made it
// (its ELF build id, so a rebuilt binary with other rules ignores old entries) and a checksum
// of itself: an entry that is stale, torn or corrupt is ignored, never trusted, and replaced.
//
// Beside the per-file entries, the cache keeps the last report of each kind of run: a re-run
// whose files, settings and options are all unchanged prints it again without parsing or even
// formatting anything, and without reading the files when their stamps say that they did not
// change (see load_report()).
//
// Entries live in one folder ($XDG_CACHE_HOME/qadeck/lint, DESIGN.md), one file each, written
// through a temporary file and a rename; several qadeck processes may share the folder.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/atomic_write.h"
#include "core/diagnostic.h"
#include "core/hash.h"

namespace qadeck {

// What each file that entries depend on is now (its content's hash, or that it is a folder or
// absent), read once per run however many entries name it by the same path. Safe to share
// between threads.
class DependencyStates {
 public:
  Hash128 get(const std::string& path);
  // After the run rewrote a file (--fix): every file is read again, as a path does not say
  // which file it reaches (a/../b.md through a symlink).
  void clear();

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, Hash128> states_;
};

class LintCache {
 public:
  // `build_key` names this qadeck build and its rule set (see build_identity()).
  LintCache(std::string dir, std::string build_key);

  struct Entry {
    std::vector<Diagnostic> diagnostics;
    std::vector<std::string> dependencies;  // other files they depend on (link targets)
    // What a run compares with the other files' questions (see QuestionRef): a finding
    // across files depends on those files, so it is never stored, but what it is made from is.
    std::vector<QuestionRef> questions;
  };
  // The diagnostics stored for `path` linted with `settings_key` when its text was exactly
  // `text` and each of its dependencies was as it is now (same content, or still a folder,
  // or still absent); nullopt when there is no such entry or it is stale or corrupt. The
  // diagnostics' spans are checked against `text`.
  std::optional<Entry> load(const std::string& path, std::string_view settings_key,
                            std::string_view text) const;

  // Records what linting `text` gave, and the state of the files it depends on. A failure is
  // ignored: a cache that cannot be written only costs time on the next run.
  void store(const std::string& path, std::string_view settings_key, std::string_view text,
             const std::vector<Diagnostic>& diagnostics,
             const std::vector<std::string>& dependencies,
             const std::vector<QuestionRef>& questions = {}) const;

  // A whole run's report, replayed when nothing it was made from changed: `slot` names the
  // kind of run (folder, paths, format, ...), `inputs` hashes the rest of what the report
  // depends on but the files' contents (each file's path and settings, the options), and the
  // report keeps each file's stamp as it was read and the other files its findings depend on
  // (checked as load() checks them). One report per slot.
  // A file a report was made from, as it was read (FileStamp: its hash, size, inode, times),
  // and its part of the report: `size` bytes at `offset`, made of what `key` hashes (see
  // report_key() in report/).
  struct ReportFile {
    std::string path;
    FileStamp stamp;
    Hash128 key;
    uint64_t offset = 0;
    uint64_t size = 0;
  };
  struct Report {
    // Whether the report may be replayed whole: the same inputs, each file unchanged (a file
    // whose size, inode, mtime and ctime are as stored is, unless it changed so shortly before
    // the storing run began that a later edit could keep them, as git's "racy" entries; then,
    // as for any other difference, its content decides), and each dependency as it was.
    bool unchanged = false;
    int exit_code = 0;
    std::string_view bytes;
    std::vector<ReportFile> files;  // otherwise, their parts may still be replayed
    std::shared_ptr<const void> storage;  // what `bytes` points into
  };
  // The report last stored in `slot`; nullopt when there is none, or it is torn or corrupt.
  std::optional<Report> load_report(const Hash128& slot, const Hash128& inputs) const;

  // A report written to the cache as it is printed, stored by commit(). Its bytes go to disk
  // as they come, so a run holds none of them. A failure only means no report is stored.
  class ReportRecorder {
   public:
    ReportRecorder(const LintCache& cache, const Hash128& slot, const Hash128& inputs);
    ~ReportRecorder();
    void append(std::string_view bytes);
    uint64_t size() const { return size_; }  // of the bytes appended so far
    void commit(int exit_code, const std::vector<ReportFile>& files,
                const std::vector<std::string>& dependencies);

   private:
    void drain();

    const LintCache& cache_;
    Hash128 inputs_;
    std::unique_ptr<AtomicFile> file_;
    std::string pending_;  // what append() was given since the last write
    uint64_t size_ = 0;    // of the report's bytes
  };

  const std::string& dir() const { return dir_; }

  // To be called after this run rewrote a file: entries check their dependencies anew.
  void forget_states() const;

  // $XDG_CACHE_HOME/qadeck/lint, else $HOME/.cache/qadeck/lint; nullopt when neither is set.
  static std::optional<std::string> default_dir();

 private:
  std::string entry_path(const std::string& absolute_path, std::string_view settings_key) const;
  // The payload of the entry in `bytes`, if its envelope is intact and this build wrote it.
  std::optional<std::string_view> payload(std::string_view bytes) const;
  void write_entry(const std::string& file, std::string_view payload) const;

  // What a report's index is wrapped in (see write_entry()).
  std::string envelope(std::string_view payload) const;

  std::string dir_;
  std::string build_key_;
  // When this run began, before it read any file (nanoseconds since the epoch): a file that
  // changed later than a little before may change again and keep its stamp.
  int64_t started_ns_ = 0;
  // One per run (a LintCache lives for one run; copies share it).
  std::shared_ptr<DependencyStates> states_ = std::make_shared<DependencyStates>();
};

// What identifies the running qadeck build: `version` plus the executable's ELF build id (a
// hash of the linked code, so every rebuild that changes a rule changes it).
std::string build_identity(std::string_view version);

}  // namespace qadeck
