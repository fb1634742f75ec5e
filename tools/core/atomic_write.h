// Writes a file through a temporary file in the same folder, renamed into place: a failure
// never leaves a half-written or clobbered file.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/hash.h"

namespace qadeck {

enum class Durability {
  flush,     // the bytes reach the disk before the rename: a power cut leaves old or new
  no_flush,  // for files whose readers detect a torn write themselves (cache entries)
};

class InterruptCleanup;

// A file written piece by piece into a temporary file in its folder, which commit() renames
// into place: until then, and whatever fails, the file at `path` is untouched, and the
// temporary file goes with this object. Through a symbolic link, the file it points to is
// replaced and the link stays.
class AtomicFile {
 public:
  explicit AtomicFile(const std::string& path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // False once the temporary file could not be created or written (commit() says why).
  bool ok() const { return !error_; }
  void append(std::string_view bytes);
  // Renames the bytes into place, keeping the replaced file's permissions (and, with
  // `keep_owner`, its owner and group, or fails); `check` runs after the bytes are complete
  // and right before the rename, and may refuse it with an error. Returns an error message
  // naming the file on failure.
  std::optional<std::string> commit(
      Durability durability, bool keep_owner = false,
      const std::function<std::optional<std::string>()>& check = {});

 private:
  void fail(const std::string& what);

  std::string path_;
  std::string temporary_;
  int fd_ = -1;
  std::optional<std::string> error_;
  std::unique_ptr<InterruptCleanup> cleanup_;
};

// Returns an error message (naming the file) on failure; the original file is untouched.
std::optional<std::string> write_file_atomically(const std::string& path, std::string_view bytes,
                                                 Durability durability = Durability::flush);

// Reads a whole file; returns an error message naming the file on failure.
std::optional<std::string> read_file(const std::string& path, std::string& out);

// What a file was when it was read: `--fix` replaces it only while it still is.
struct FileStamp {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  Hash128 hash;  // hash_bytes of the bytes read
  // Which file it was, and when its inode last changed (which no one can set back, unlike
  // the mtime): what tells the lint cache that a file is unchanged without reading it.
  uint64_t device = 0;
  uint64_t inode = 0;
  int64_t ctime_ns = 0;
};

// Reads a whole file and its stamp (of the bytes read, not of the file at some other time).
std::optional<std::string> read_file(const std::string& path, std::string& out, FileStamp& stamp);

// Replaces the file `path` names (through a symlink: the file it points to) with `bytes`, as
// write_file_atomically does, keeping its mode, owner and group — but only if it is still what
// was read: same size, mtime and content hash as `stamp`, checked after the new bytes are
// written and right before the rename. Otherwise the file is left untouched and the error says
// "changed while fixing; run again". An owner or group that cannot be kept (a user fixing a
// file someone else owns) is an error too, and the file is left as it was. `before_check`
// runs right before that check (tests use it to change the file at the worst moment).
std::optional<std::string> replace_file_if_unchanged(const std::string& path,
                                                     std::string_view bytes,
                                                     const FileStamp& stamp,
                                                     const std::function<void()>& before_check = {});

}  // namespace qadeck
